import { registerUser } from "@/lib/auth/registration";
import { addressLimits } from "@/lib/http/rate-limit";
import { json, methods, route } from "@/lib/http/route";
import { registerResponseSchema, registerSchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "register",
      summary: "Create an account and mail a verification link",
      description:
        "An address that already has an account answers the same 201 with a look-alike user, and its owner is mailed instead: the answer never tells whether an address is registered.",
      responses: { 201: registerResponseSchema },
      body: registerSchema,
      form: { success: "/verify-email/sent", failure: "/register" },
      limits: ({ ip, body }) => addressLimits("register", ip, body.email),
    },
    async ({ db, body, client, later }) => {
      const result = await registerUser(db, body, client);
      if (!result.ok) return result;
      await later(result.sendMail);
      return json(
        { detail: "Account created. Check your email for a verification link.", user: result.user },
        { status: 201 },
      );
    },
  ),
});
