import { z } from "zod";
import { ERRORS, type ErrorCode } from "@/lib/http/errors";

const CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** Every failure's body (lib/http/errors.ts); `codes` narrows `code` to the ones an answer can carry. */
export function errorBodySchema(codes: readonly ErrorCode[] = CODES) {
  return z.object({
    detail: z.string().meta({ description: "A sentence for people; may change." }),
    code: z.enum(codes as [ErrorCode, ...ErrorCode[]]).meta({ description: "Stable, for programs." }),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "validation_error: messages per field (`non_field_errors` for the whole body)." }),
  });
}
