import { z } from "zod";
import { emailField, requiredText } from "./fields";
import { publicUserSchema } from "./user";

const currentPassword = requiredText("Password", { max: 256, trim: false });

export const emailChangeSchema = z.object({ new_email: emailField, password: currentPassword });
export type EmailChangeInput = z.infer<typeof emailChangeSchema>;

export const accountDeleteSchema = z.object({ password: currentPassword });
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
