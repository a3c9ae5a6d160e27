// What the API takes and answers, inferred from the zod schemas the server validates and
// documents with (type imports only: nothing of zod reaches the bundle).
import type { z } from "zod";
import type {
  auditPageSchema,
  passwordChangeSchema,
  passwordResetConfirmSchema,
  profilePatchSchema,
  profileSchema,
  sessionsSchema,
} from "@/lib/schemas/account";
import type {
  emailVerifySchema,
  loginFormSchema,
  loginResponseSchema,
  logoutAllResponseSchema,
  refreshResponseSchema,
  registerResponseSchema,
  registerSchema,
} from "@/lib/schemas/auth";
import type { errorBodySchema } from "@/lib/schemas/errors";
import type {
  passkeyCreatedSchema,
  passkeyCreationOptionsSchema,
  passkeyLoginSchema,
  passkeyRegisterSchema,
  passkeyRequestOptionsSchema,
  passkeysSchema,
} from "@/lib/schemas/passkeys";
import type { healthResponseSchema, pruneResponseSchema } from "@/lib/schemas/maintenance";
import type {
  enrolmentResponseSchema,
  loginTwoFactorSchema,
  mfaRequiredSchema,
  recoveryCodesResponseSchema,
  recoveryCodesSchema,
  twoFactorConfirmSchema,
  twoFactorDisableSchema,
  twoFactorStatusSchema,
} from "@/lib/schemas/two-factor";
import type { openApiDocumentSchema } from "@/lib/schemas/openapi";
import type { introspectionSchema, jwksSchema } from "@/lib/schemas/tokens";
import type { detailSchema, publicUserSchema } from "@/lib/schemas/user";
import type { accountDeleteSchema, accountExportSchema, emailChangeSchema } from "@/lib/schemas/account-lifecycle";
import type { emailSignInVerifySchema, secureAccountSchema } from "@/lib/schemas/email-sign-in";
import type { connectedAccountsSchema, oauthProviderSchema, oauthStartQuerySchema } from "@/lib/schemas/oauth";

export type ErrorBody = z.output<ReturnType<typeof errorBodySchema>>;

/** Expected failures are values: `ok: false` with the status and the API's error body (status 0: unreachable). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody; retryAfter?: number };

export type RegisterInput = z.input<typeof registerSchema>;
export type LoginInput = z.input<typeof loginFormSchema>;
export type LinkInput = z.input<typeof emailVerifySchema>;
export type PasswordResetConfirmInput = z.input<typeof passwordResetConfirmSchema>;
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;
export type EmailChangeInput = z.input<typeof emailChangeSchema>;
export type AccountDeleteInput = z.input<typeof accountDeleteSchema>;
export type AccountExport = z.output<typeof accountExportSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type ProfilePatchInput = z.input<typeof profilePatchSchema>;
export type AuditQuery = { limit?: number; before?: number };

export type PublicUser = z.output<typeof publicUserSchema>;
export type Detail = z.output<typeof detailSchema>;
export type RegisterResponse = z.output<typeof registerResponseSchema>;
export type LoginResponse = z.output<typeof loginResponseSchema>;
export type RefreshResponse = z.output<typeof refreshResponseSchema>;
export type LogoutAllResponse = z.output<typeof logoutAllResponseSchema>;
export type SessionList = z.output<typeof sessionsSchema>;
export type AuditPage = z.output<typeof auditPageSchema>;
export type Jwks = z.output<typeof jwksSchema>;
export type Introspection = z.output<typeof introspectionSchema>;
export type PruneResponse = z.output<typeof pruneResponseSchema>;
export type Health = z.output<typeof healthResponseSchema>;
export type OpenApiDocument = z.output<typeof openApiDocumentSchema>;
export type PasskeyCreationOptions = z.output<typeof passkeyCreationOptionsSchema>;
export type PasskeyRequestOptions = z.output<typeof passkeyRequestOptionsSchema>;
export type PasskeyRegisterInput = z.input<typeof passkeyRegisterSchema>;
export type PasskeyLoginInput = z.input<typeof passkeyLoginSchema>;
export type PasskeyCreated = z.output<typeof passkeyCreatedSchema>;
export type PasskeyList = z.output<typeof passkeysSchema>;
// Two-factor (TOTP): a login answering 403 `mfa_required` carries these members beside its code.
export type MfaRequired = z.output<typeof mfaRequiredSchema>;
export type LoginTwoFactorInput = z.input<typeof loginTwoFactorSchema>;
export type TwoFactorStatus = z.output<typeof twoFactorStatusSchema>;
export type TotpEnrolment = z.output<typeof enrolmentResponseSchema>;
export type TwoFactorConfirmInput = z.input<typeof twoFactorConfirmSchema>;
export type TwoFactorDisableInput = z.input<typeof twoFactorDisableSchema>;
export type RecoveryCodesInput = z.input<typeof recoveryCodesSchema>;
export type RecoveryCodes = z.output<typeof recoveryCodesResponseSchema>;
// Emailed sign-in (link or 6-digit code), the new-device alert's "secure my account", providers.
export type EmailSignInVerifyInput = z.input<typeof emailSignInVerifySchema>;
export type SecureAccountInput = z.input<typeof secureAccountSchema>;
export type OAuthProvider = z.output<typeof oauthProviderSchema>;
export type OAuthStartQuery = z.input<typeof oauthStartQuerySchema>;
export type ConnectedAccounts = z.output<typeof connectedAccountsSchema>;
