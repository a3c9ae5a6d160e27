import { endOwnSession } from "@/lib/auth/logout";
import { clearAuthCookies } from "@/lib/http/cookies";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema } from "@/lib/schemas/account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  DELETE: route(
    {
      operationId: "endSession",
      summary: "Sign out one of the account's sessions",
      description:
        "Another account's session answers 404, like a missing one. Ending the current one clears the cookies.",
      responses: { 200: detailSchema },
      errors: ["not_found"],
      auth: "user",
    },
    async ({ db, caller, client, params }) => {
      const id = String(params.id);
      const result = await endOwnSession(db, caller.user.id, id, client);
      if (!result.ok) return result;
      const response = json({ detail: "Session signed out." });
      // Postgres matches a uuid in any case, so compare the same way to spot the current session.
      if (id.toLowerCase() === caller.session.id.toLowerCase()) clearAuthCookies(response);
      return response;
    },
  ),
});
