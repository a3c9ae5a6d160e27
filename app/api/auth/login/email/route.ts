import { emailSignInOff, emailSignInRequestLimits, requestEmailSignIn } from "@/lib/auth/email-sign-in";
import { MAYBE_MAILED } from "@/lib/http/maybe-mailed";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema, emailOnlySchema } from "@/lib/schemas/email-sign-in";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "requestEmailSignIn",
      summary: "Mail a sign-in link and a 6-digit code",
      description: `Always the same 200 (${JSON.stringify(MAYBE_MAILED)}), whether or not the address has an account; the lookup and the mail happen after the response. The link and code work once, for EMAIL_SIGN_IN_TTL_SECONDS (10 minutes); a new request replaces them. \`email_sign_in_disabled\` (404) when AUTH_EMAIL_SIGN_IN is off.`,
      responses: { 200: detailSchema },
      errors: ["email_sign_in_disabled"],
      body: emailOnlySchema,
      form: { success: "/login/email", failure: "/login/email" },
      limits: ({ ip, body }) => emailSignInRequestLimits(ip, body.email),
    },
    async ({ db, body, client, later }) => {
      const off = emailSignInOff();
      if (off) return off;
      await later(() => requestEmailSignIn(db, body.email, client));
      return json({ detail: MAYBE_MAILED });
    },
  ),
});
