import { listActiveSessions, toSessionView } from "@/lib/auth/session";
import { json, methods, route } from "@/lib/http/route";
import { sessionsSchema } from "@/lib/schemas/account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "listSessions",
      summary: "The account's live sessions, most recently used first",
      responses: { 200: sessionsSchema },
      auth: "user",
    },
    async ({ db, caller }) => {
      const sessions = await listActiveSessions(db, caller.user.id);
      return json({ sessions: sessions.map((s) => toSessionView(s, caller.session.id)) });
    },
  ),
});
