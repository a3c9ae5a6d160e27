import { resendVerification } from "@/lib/auth/email-verification";
import { maybeMailedRoute } from "@/lib/http/maybe-mailed";
import { methods } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: maybeMailedRoute("verify_resend", resendVerification, {
    operationId: "resendVerification",
    summary: "Mail a new verification link",
    form: { success: "/verify-email/sent?resent=1", failure: "/verify-email/sent" },
  }),
});
