import { listPasskeys } from "@/lib/auth/passkey";
import { json, methods, route } from "@/lib/http/route";
import { passkeysSchema } from "@/lib/schemas/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "listPasskeys",
      summary: "The account's passkeys, newest first",
      responses: { 200: passkeysSchema },
      auth: "user",
    },
    async ({ db, caller }) => json({ passkeys: await listPasskeys(db, caller.user.id) }),
  ),
});
