import { twoFactorStatus } from "@/lib/auth/two-factor";
import { json, methods, route } from "@/lib/http/route";
import { twoFactorStatusSchema } from "@/lib/schemas/two-factor";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "getTwoFactor",
      summary: "Whether TOTP two-factor is on, when a code was last used, recovery codes left",
      responses: { 200: twoFactorStatusSchema },
      auth: "user",
    },
    async ({ db, caller }) => json(await twoFactorStatus(db, caller.user.id)),
  ),
});
