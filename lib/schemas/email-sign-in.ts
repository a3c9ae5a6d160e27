import { z } from "zod";
import { emailVerifySchema as linkTokenSchema } from "./auth";
import { emailField, linkPart, requiredText } from "./fields";

export { detailSchema, emailOnlySchema, type EmailOnlyInput } from "./account";
export { loginResponseSchema } from "./auth";

/** Six digits; spaces and dashes a person copies along ("123 456") are ignored. */
export const signInCodeField = requiredText("Code", { max: 20 })
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the mail."));

/** The code form: the address the mail went to and its code. */
export const emailCodeSchema = z.object({ email: emailField, code: signInCodeField });
export type EmailCodeInput = z.infer<typeof emailCodeSchema>;

/** The link's page posts its token. */
export const emailLinkSchema = z.object({ token: linkPart("token") });
export type EmailLinkInput = z.infer<typeof emailLinkSchema>;

/** Either the emailed link's token, or the address and the code from the same mail. */
export const emailSignInVerifySchema = z
  .object({
    token: z.unknown().meta({ type: "string", description: "The `token` of the emailed link." }),
    email: z.unknown().meta({ type: "string", description: "With `code`: the address the mail went to." }),
    code: z.unknown().meta({ type: "string", description: "With `email`: the 6-digit code of the mail." }),
  })
  .partial()
  .transform((v, ctx): EmailLinkInput | EmailCodeInput => {
    const parsed =
      v.token !== undefined
        ? emailLinkSchema.safeParse({ token: v.token })
        : emailCodeSchema.safeParse({ email: v.email, code: v.code });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
export type EmailSignInVerifyInput = z.infer<typeof emailSignInVerifySchema>;

/** The "secure my account" link of a new-device alert: `{uid, token}` like every mailed link. */
export const secureAccountSchema = linkTokenSchema;
export type SecureAccountInput = z.infer<typeof secureAccountSchema>;
