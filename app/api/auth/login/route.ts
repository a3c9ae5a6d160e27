import { logIn } from "@/lib/auth/login";
import { methods, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { loginSchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(
    {
      body: loginSchema,
      transport: true,
      limits: ({ ip, body }) => [
        ["login_ip", ip],
        ["login", `${ip}|${body.login}`],
      ],
    },
    async ({ request, db, body, client, device }) => {
      const result = await logIn(db, body, client, device);
      if (!result.ok) return result;
      return tokenResponse(request, result.tokens, { body: { user: result.user }, deviceToken: result.deviceToken });
    },
  ),
});
