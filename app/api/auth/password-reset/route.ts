import { requestPasswordReset } from "@/lib/auth/password-reset";
import { maybeMailedRoute } from "@/lib/http/maybe-mailed";
import { methodsNotAllowed } from "@/lib/http/route";

export const POST = maybeMailedRoute("password_reset", requestPasswordReset);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
