import { listActiveSessions, toSessionView } from "@/lib/auth/session";
import { json, methods, route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route({ auth: "user" }, async ({ db, caller }) => {
    const sessions = await listActiveSessions(db, caller.user.id);
    return json({ sessions: sessions.map((s) => toSessionView(s, caller.session.id)) });
  }),
});
