import { endOwnSession } from "@/lib/auth/logout";
import { clearAuthCookies } from "@/lib/http/cookies";
import { fail } from "@/lib/http/errors";
import { json, methods, route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  DELETE: route({ auth: "user" }, async ({ db, caller, client, params }) => {
    const id = String(params.id);
    if (!(await endOwnSession(db, caller.user.id, id, client))) return fail("not_found");
    const response = json({ detail: "Session signed out." });
    // Postgres matches a uuid in any case, so compare the same way to spot the current session.
    if (id.toLowerCase() === caller.session.id.toLowerCase()) clearAuthCookies(response);
    return response;
  }),
});
