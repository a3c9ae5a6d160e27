import { z } from "zod";
import { signInCodeField } from "./email-sign-in";
import { emailField, requiredText } from "./fields";
import { publicUserSchema } from "./user";

const currentPassword = requiredText("Password", { max: 256, trim: false });

/**
 * What confirms a sensitive change: the password, or instead the code POST /api/auth/reauth-code
 * mailed (for an account that has no password). With neither, the password is asked for.
 */
const proof = {
  password: currentPassword.optional().meta({ description: "The account's password; or send `code` instead." }),
  code: signInCodeField
    .optional()
    .meta({ description: "The 6-digit code mailed by POST /api/auth/reauth-code, instead of `password`." }),
};
function passwordOrCode(value: { password?: string; code?: string }, ctx: z.RefinementCtx) {
  if (value.password === undefined && value.code === undefined)
    ctx.addIssue({ code: "custom", message: "Password is required.", path: ["password"] });
}

export const emailChangeSchema = z.object({ new_email: emailField, ...proof }).superRefine(passwordOrCode);
export type EmailChangeInput = z.infer<typeof emailChangeSchema>;

export const accountDeleteSchema = z.object(proof).superRefine(passwordOrCode);
export type AccountDeleteInput = z.infer<typeof accountDeleteSchema>;

/** GET /api/auth/user/export: everything stored about the account, without a secret or a hash. */
export const accountExportSchema = z.object({
  exported_at: z.iso.datetime(),
  profile: publicUserSchema,
  sessions: z.array(
    z.object({
      id: z.uuid(),
      created_at: z.iso.datetime(),
      last_used_at: z.iso.datetime(),
      expires_at: z.iso.datetime(),
      revoked_at: z.iso.datetime().nullable(),
      ip: z.string().nullable(),
      user_agent: z.string().nullable(),
    }),
  ),
  audit_events: z.array(
    z.object({
      id: z.number().int(),
      event: z.string(),
      ip: z.string().nullable(),
      user_agent: z.string().nullable(),
      metadata: z.record(z.string(), z.unknown()).nullable(),
      created_at: z.iso.datetime(),
    }),
  ),
  pending_email_change: z
    .object({ new_email: z.email(), expires_at: z.iso.datetime() })
    .nullable()
    .meta({ description: "An address change waiting for its confirmation link to be opened." }),
});
export type AccountExport = z.infer<typeof accountExportSchema>;
