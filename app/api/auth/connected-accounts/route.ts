import { connectedAccounts } from "@/lib/auth/oauth-account";
import { json, methods, route } from "@/lib/http/route";
import { connectedAccountsSchema } from "@/lib/schemas/oauth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "listConnectedAccounts",
      summary: "The account's connected sign-in providers, the providers offered, and whether it has a password",
      responses: { 200: connectedAccountsSchema },
      auth: "user",
    },
    async ({ db, caller }) => json(await connectedAccounts(db, caller.user)),
  ),
});
