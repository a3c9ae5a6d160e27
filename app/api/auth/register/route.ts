import { registerUser } from "@/lib/auth/registration";
import { addressLimits } from "@/lib/http/rate-limit";
import { json, methods, route } from "@/lib/http/route";
import { registerSchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(
    { body: registerSchema, limits: ({ ip, body }) => addressLimits("register", ip, body.email) },
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
