import { verifyEmail } from "@/lib/auth/email-verification";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema, emailVerifySchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "verifyEmail",
      summary: "Confirm an email address with the emailed {uid, token}",
      responses: { 200: detailSchema },
      errors: ["invalid_token", "token_expired", "token_used"],
      body: emailVerifySchema,
      form: { success: "/verify-email", failure: "/verify-email" },
    },
    async ({ db, body, client }) => {
      const result = await verifyEmail(db, body, client);
      return result.ok ? json({ detail: "Your email address is verified. You can log in now." }) : result;
    },
  ),
});
