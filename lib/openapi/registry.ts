import * as audit from "@/app/api/auth/audit/route";
import * as emailVerifyResend from "@/app/api/auth/email-verify/resend/route";
import * as emailVerify from "@/app/api/auth/email-verify/route";
import * as introspect from "@/app/api/auth/introspect/route";
import * as jwks from "@/app/api/auth/jwks/route";
import * as login from "@/app/api/auth/login/route";
import * as loginUnlock from "@/app/api/auth/login/unlock/route";
import * as logoutAll from "@/app/api/auth/logout-all/route";
import * as logout from "@/app/api/auth/logout/route";
import * as openApi from "@/app/api/auth/openapi.json/route";
import * as passwordChange from "@/app/api/auth/password-change/route";
import * as passwordResetConfirm from "@/app/api/auth/password-reset-confirm/route";
import * as passwordReset from "@/app/api/auth/password-reset/route";
import * as register from "@/app/api/auth/register/route";
import * as session from "@/app/api/auth/sessions/[id]/route";
import * as sessions from "@/app/api/auth/sessions/route";
import * as refresh from "@/app/api/auth/token/refresh/route";
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
  "/api/auth/token/refresh": refresh,
  "/api/auth/logout": logout,
  "/api/auth/logout-all": logoutAll,
  "/api/auth/user": user,
  "/api/auth/password-reset": passwordReset,
  "/api/auth/password-reset-confirm": passwordResetConfirm,
  "/api/auth/password-change": passwordChange,
  "/api/auth/sessions": sessions,
  "/api/auth/sessions/{id}": session,
  "/api/auth/audit": audit,
  "/api/auth/jwks": jwks,
  "/api/auth/introspect": introspect,
  "/api/auth/openapi.json": openApi,
  "/api/cron/prune": cronPrune,
  "/api/health": health,
};
