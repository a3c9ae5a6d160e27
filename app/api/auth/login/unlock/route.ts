import { unlockAccount } from "@/lib/auth/account-unlock";
import { keepDeviceCookie } from "@/lib/http/device-cookie";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema, emailVerifySchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "unlockLogin",
      summary: 'Lift a login throttle with the link from the "sign-ins paused" mail',
      responses: { 200: detailSchema },
      errors: ["invalid_token", "token_expired", "token_used"],
      body: emailVerifySchema,
      limits: ({ ip }) => [["login_ip", ip]],
    },
    async ({ db, body, client, device }) => {
      const result = await unlockAccount(db, body, client, device);
      if (!result.ok) return result;
      return keepDeviceCookie(json({ detail: "Sign-in is unlocked. You can log in now." }), result.deviceToken);
    },
  ),
});
