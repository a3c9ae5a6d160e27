import { z } from "zod";
import { emailVerifySchema as linkTokenSchema } from "./auth";
import { boundedText, emailField, isStorableText, notStorableMessage, requiredText, usernameField } from "./fields";
import { checkNewPassword, passwordField } from "./password";
import { detailSchema, publicUserSchema } from "./user";

export { detailSchema, publicUserSchema };

export const emailOnlySchema = z.object({ email: emailField });
export type EmailOnlyInput = z.infer<typeof emailOnlySchema>;

const confirmation = requiredText("Password confirmation", { max: 256, trim: false }).transform((p) =>
  p.normalize("NFKC"),
);

export const passwordResetConfirmSchema = linkTokenSchema
  .extend({ new_password: passwordField("New password"), new_password2: confirmation })
  .superRefine((v, ctx) =>
    checkNewPassword(
      ctx,
      { password: v.new_password, confirm: v.new_password2, attributes: {} },
      { password: "new_password", confirm: "new_password2" },
    ),
  );
export type PasswordResetConfirmInput = z.infer<typeof passwordResetConfirmSchema>;

export const passwordChangeSchema = z
  .object({
    current_password: requiredText("Current password", { max: 256, trim: false }),
    new_password: passwordField("New password"),
    new_password2: confirmation,
  })
  .superRefine((v, ctx) => {
    // Both sides compared as the new one is stored (NFKC), so a look-alike spelling is the same password.
    if (v.current_password.normalize("NFKC") === v.new_password)
      ctx.addIssue({
        code: "custom",
        path: ["new_password"],
        message: "That is your current password. Choose a different one.",
      });
    checkNewPassword(
      ctx,
      { password: v.new_password, confirm: v.new_password2, attributes: {} },
      { password: "new_password", confirm: "new_password2" },
    );
  });
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

export const PROFILE_PICTURE_MAX_LENGTH = 2048;

const profilePicture = z
  .union([
    z
      .string({ error: "Profile picture must be a URL or empty." })
      .refine(isStorableText, notStorableMessage("Profile picture")),
    z.null(),
  ])
  .transform((v) => (v === null || v.trim() === "" ? null : v.trim()))
  .pipe(
    z
      .url({ protocol: /^https?$/, error: "Use an http:// or https:// image URL." })
      .max(PROFILE_PICTURE_MAX_LENGTH, `Profile picture URL must be at most ${PROFILE_PICTURE_MAX_LENGTH} characters.`)
      .nullable(),
  );

/** PUT: every editable field; PATCH: any subset. Server-owned fields are stripped by zod. */
export const profileSchema = z.object({
  username: usernameField,
  first_name: boundedText("First name"),
  last_name: boundedText("Last name"),
  bio: boundedText("Bio", 1000),
  profile_picture: profilePicture,
});
export const profilePatchSchema = profileSchema.partial();
export type ProfileInput = z.infer<typeof profilePatchSchema>;

export const auditQuerySchema = z.object({
  limit: z.coerce.number({ error: "limit must be a number." }).int().min(1).max(100).default(20),
  before: z.coerce.number({ error: "before must be an event id." }).int().positive().optional(),
});

export const sessionSchema = z
  .object({
    id: z.uuid(),
    device: z.string().meta({ description: 'From the user agent, e.g. "Firefox on Linux".' }),
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime(),
    expires_at: z.iso.datetime(),
    current: z.boolean().meta({ description: "The session of the calling access token." }),
  })
  .meta({ id: "Session" });

export const sessionsSchema = z.object({ sessions: z.array(sessionSchema) });

export const auditPageSchema = z.object({
  results: z.array(
    z
      .object({
        id: z.number().int(),
        event: z.string(),
        ip: z.string().nullable(),
        user_agent: z.string().nullable(),
        created_at: z.iso.datetime(),
      })
      .meta({ id: "AuditEvent" }),
  ),
  next_before: z.number().int().nullable().meta({ description: "The `before` of the next page; null on the last." }),
});
