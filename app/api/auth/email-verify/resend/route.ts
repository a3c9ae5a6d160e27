import { resendVerification } from "@/lib/auth/email-verification";
import { maybeMailedRoute } from "@/lib/http/maybe-mailed";
import { methodsNotAllowed } from "@/lib/http/route";

export const POST = maybeMailedRoute("verify_resend", resendVerification);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
