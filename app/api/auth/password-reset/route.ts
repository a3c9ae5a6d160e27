import { requestPasswordReset } from "@/lib/auth/password-reset";
import { maybeMailedRoute } from "@/lib/http/maybe-mailed";
import { methods } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: maybeMailedRoute("password_reset", requestPasswordReset, {
    operationId: "requestPasswordReset",
    summary: "Mail a password reset link",
    form: { success: "/forgot-password", failure: "/forgot-password" },
  }),
});
