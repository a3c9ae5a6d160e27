import { SECURED, secureAccount, secureAccountLimits } from "@/lib/auth/secure-account";
import { methods, route } from "@/lib/http/route";
import { signedOutResponse } from "@/lib/http/token-response";
import { detailSchema, secureAccountSchema } from "@/lib/schemas/email-sign-in";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "secureAccount",
      summary: 'Secure an account with the "this wasn\'t me" link of a new-device alert',
      description:
        "Single use: ends every session, forgets every known browser, stops the current password from working and mails a fresh password reset link. Clears this browser's auth cookies.",
      responses: { 200: detailSchema },
      errors: ["invalid_token", "token_expired", "token_used"],
      body: secureAccountSchema,
      form: { success: "/secure-account", failure: "/secure-account", carry: ["uid", "token"] },
      limits: ({ ip, body }) => secureAccountLimits(ip, body.uid),
    },
    async ({ db, body, client, later }) => {
      const result = await secureAccount(db, body, client);
      if (!result.ok) return result;
      await later(result.followUp);
      return signedOutResponse({ detail: SECURED });
    },
  ),
});
