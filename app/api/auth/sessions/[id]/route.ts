import { endOwnSession } from "@/lib/auth/logout";
import { clearAuthCookies } from "@/lib/http/cookies";
import { json, methods, route, type FormTargets } from "@/lib/http/route";
import { detailSchema } from "@/lib/schemas/account";

const end = (docs: { operationId: string; summary: string; form?: FormTargets }) =>
  route(
    {
      ...docs,
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
  );

/** DELETE, and POST for the account page's form without JavaScript (an HTML form can only POST). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  DELETE: end({ operationId: "endSession", summary: "Sign out one of the account's sessions" }),
  POST: end({
    operationId: "endSessionByForm",
    summary: "Sign out one of the account's sessions (DELETE, as an HTML form posts it)",
    form: { success: "/account", failure: "/account", form: "sessions" },
  }),
});
