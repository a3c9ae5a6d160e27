import * as twoFactorConfirm from "@/app/api/auth/2fa/confirm/route";
import * as twoFactorDisable from "@/app/api/auth/2fa/disable/route";
import * as twoFactorEnrol from "@/app/api/auth/2fa/enrol/route";
import * as twoFactorRecoveryCodes from "@/app/api/auth/2fa/recovery-codes/route";
import * as twoFactor from "@/app/api/auth/2fa/route";
import * as audit from "@/app/api/auth/audit/route";
import * as connectedAccount from "@/app/api/auth/connected-accounts/[provider]/route";
import * as connectedAccounts from "@/app/api/auth/connected-accounts/route";
import * as emailChangeConfirm from "@/app/api/auth/email-change/confirm/route";
import * as emailChangeRevert from "@/app/api/auth/email-change/revert/route";
import * as emailChange from "@/app/api/auth/email-change/route";
import * as emailVerifyResend from "@/app/api/auth/email-verify/resend/route";
import * as emailVerify from "@/app/api/auth/email-verify/route";
import * as introspect from "@/app/api/auth/introspect/route";
import * as jwks from "@/app/api/auth/jwks/route";
import * as loginEmail from "@/app/api/auth/login/email/route";
import * as loginEmailVerify from "@/app/api/auth/login/email/verify/route";
import * as loginTwoFactor from "@/app/api/auth/login/2fa/route";
import * as login from "@/app/api/auth/login/route";
import * as loginUnlock from "@/app/api/auth/login/unlock/route";
import * as logoutAll from "@/app/api/auth/logout-all/route";
import * as logout from "@/app/api/auth/logout/route";
import * as oauthCallback from "@/app/api/auth/oauth/[provider]/callback/route";
import * as oauthStart from "@/app/api/auth/oauth/[provider]/route";
import * as openApi from "@/app/api/auth/openapi.json/route";
import * as passkey from "@/app/api/auth/passkeys/[id]/route";
import * as passkeyLoginOptions from "@/app/api/auth/passkeys/login/options/route";
import * as passkeyLoginVerify from "@/app/api/auth/passkeys/login/verify/route";
import * as passkeyRegisterOptions from "@/app/api/auth/passkeys/register/options/route";
import * as passkeyRegisterVerify from "@/app/api/auth/passkeys/register/verify/route";
import * as passkeys from "@/app/api/auth/passkeys/route";
import * as passwordChange from "@/app/api/auth/password-change/route";
import * as reauthCode from "@/app/api/auth/reauth-code/route";
import * as passwordResetConfirm from "@/app/api/auth/password-reset-confirm/route";
import * as passwordReset from "@/app/api/auth/password-reset/route";
import * as register from "@/app/api/auth/register/route";
import * as secureAccount from "@/app/api/auth/secure-account/route";
import * as session from "@/app/api/auth/sessions/[id]/route";
import * as sessions from "@/app/api/auth/sessions/route";
import * as refresh from "@/app/api/auth/token/refresh/route";
import * as userDelete from "@/app/api/auth/user/delete/route";
import * as userExport from "@/app/api/auth/user/export/route";
import * as user from "@/app/api/auth/user/route";
import * as cronPrune from "@/app/api/cron/prune/route";
import * as health from "@/app/api/health/route";
import type { RouteRegistry } from "./document";

/**
 * Every API route module by its path (the catch-all 404 of app/api/[...path] aside):
 * tests/api/openapi.test.ts fails when a route module is missing here.
 */
export const ROUTES: RouteRegistry = {
  "/api/auth/register": register,
  "/api/auth/email-verify": emailVerify,
  "/api/auth/email-verify/resend": emailVerifyResend,
  "/api/auth/login": login,
  "/api/auth/login/unlock": loginUnlock,
  "/api/auth/login/2fa": loginTwoFactor,
  "/api/auth/login/email": loginEmail,
  "/api/auth/login/email/verify": loginEmailVerify,
  "/api/auth/secure-account": secureAccount,
  "/api/auth/token/refresh": refresh,
  "/api/auth/logout": logout,
  "/api/auth/logout-all": logoutAll,
  "/api/auth/user": user,
  "/api/auth/user/export": userExport,
  "/api/auth/user/delete": userDelete,
  "/api/auth/email-change": emailChange,
  "/api/auth/email-change/confirm": emailChangeConfirm,
  "/api/auth/email-change/revert": emailChangeRevert,
  "/api/auth/reauth-code": reauthCode,
  "/api/auth/password-reset": passwordReset,
  "/api/auth/password-reset-confirm": passwordResetConfirm,
  "/api/auth/password-change": passwordChange,
  "/api/auth/oauth/{provider}": oauthStart,
  "/api/auth/oauth/{provider}/callback": oauthCallback,
  "/api/auth/connected-accounts": connectedAccounts,
  "/api/auth/connected-accounts/{provider}": connectedAccount,
  "/api/auth/passkeys": passkeys,
  "/api/auth/passkeys/{id}": passkey,
  "/api/auth/passkeys/register/options": passkeyRegisterOptions,
  "/api/auth/passkeys/register/verify": passkeyRegisterVerify,
  "/api/auth/passkeys/login/options": passkeyLoginOptions,
  "/api/auth/passkeys/login/verify": passkeyLoginVerify,
  "/api/auth/2fa": twoFactor,
  "/api/auth/2fa/enrol": twoFactorEnrol,
  "/api/auth/2fa/confirm": twoFactorConfirm,
  "/api/auth/2fa/disable": twoFactorDisable,
  "/api/auth/2fa/recovery-codes": twoFactorRecoveryCodes,
  "/api/auth/sessions": sessions,
  "/api/auth/sessions/{id}": session,
  "/api/auth/audit": audit,
  "/api/auth/jwks": jwks,
  "/api/auth/introspect": introspect,
  "/api/auth/openapi.json": openApi,
  "/api/cron/prune": cronPrune,
  "/api/health": health,
};
