import { z } from "zod";
import { errorBodySchema } from "./errors";
import { linkPart, requiredText } from "./fields";

/** Six digits from the authenticator app; spaces are ignored ("123 456"). */
export const totpCodeField = requiredText("Code", { max: 16 })
  .transform((code) => code.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** One of the ten recovery codes (`xxxxx-xxxxx`; case, spaces and dashes do not matter). */
export const recoveryCodeField = requiredText("Recovery code", { max: 32 }).regex(
  /^[A-Za-z0-9\s-]+$/,
  "Enter a recovery code such as 7kq2m-x9c4d.",
);

const password = requiredText("Password", { max: 256, trim: false });
// An empty field of a form posted without JavaScript means "not given".
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);

/** Exactly one of `code` and `recovery_code`. */
function oneProof<T extends { code?: string; recovery_code?: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.code === undefined && value.recovery_code === undefined) {
    ctx.addIssue({ code: "custom", path: ["code"], message: "Enter the 6-digit code from your authenticator app." });
  }
  if (value.code !== undefined && value.recovery_code !== undefined) {
    ctx.addIssue({ code: "custom", path: ["recovery_code"], message: "Send a code or a recovery code, not both." });
  }
}

const proof = {
  code: z.preprocess(blankIsAbsent, totpCodeField.optional()),
  recovery_code: z.preprocess(blankIsAbsent, recoveryCodeField.optional()),
};

export const twoFactorConfirmSchema = z.object({ code: totpCodeField });
export type TwoFactorConfirmInput = z.infer<typeof twoFactorConfirmSchema>;

export const twoFactorDisableSchema = z.object({ password, ...proof }).superRefine(oneProof);
export type TwoFactorDisableInput = z.infer<typeof twoFactorDisableSchema>;

export const recoveryCodesSchema = z.object({ password });
export type RecoveryCodesInput = z.infer<typeof recoveryCodesSchema>;

export const loginTwoFactorSchema = z
  .object({
    mfa_token: z
      .preprocess(blankIsAbsent, linkPart("mfa_token").optional())
      .meta({ description: "From the `mfa_required` answer; browsers may leave it to the httpOnly cookie." }),
    ...proof,
  })
  .superRefine(oneProof);
export type LoginTwoFactorInput = z.infer<typeof loginTwoFactorSchema>;

export const twoFactorStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabled_at: z.string().nullable(),
    last_used_at: z.string().nullable().meta({ description: "When a code last signed in (or confirmed)." }),
    recovery_codes_left: z.number().int().min(0),
  })
  .meta({ id: "TwoFactorStatus" });

export const enrolmentResponseSchema = z
  .object({
    otpauth_uri: z.string().meta({ description: "otpauth://totp/… for the QR code." }),
    secret: z.string().meta({ description: "The same secret as base32 text, in groups of four." }),
    qr_code: z.string().meta({ description: "The QR code as an SVG data URL." }),
  })
  .meta({ id: "TotpEnrolment" });

export const recoveryCodesResponseSchema = z
  .object({ recovery_codes: z.array(z.string()).length(10).meta({ description: "Shown once; stored hashed." }) })
  .meta({ id: "RecoveryCodes" });

/** The first factor was right and a second is due: 403 `mfa_required` with the token of the half-done sign-in. */
export const mfaRequiredSchema = errorBodySchema(["mfa_required"])
  .extend({
    mfa_token: z.string().meta({ description: "For POST /api/auth/login/2fa; single use, short-lived." }),
    mfa_expires_at: z.string(),
    methods: z.array(z.enum(["totp", "recovery_code"])),
  })
  .meta({ id: "MfaRequired" });
