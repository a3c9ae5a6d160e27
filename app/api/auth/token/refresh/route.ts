import { refreshTokenSession, rotateRefreshToken } from "@/lib/auth/session";
import { methods, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { refreshSchema } from "@/lib/schemas/auth";

/** The body's refresh token (token clients), else the refresh cookie (browsers). */
const presented = (body: { refresh?: string }, cookie: string | null) => body.refresh ?? cookie;

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(
    {
      body: refreshSchema,
      transport: true,
      // Per session, from a verified token: forged tokens name no session and spend nothing.
      limits: async ({ body, credentials }) => {
        const sessionId = await refreshTokenSession(presented(body, credentials.refresh));
        return sessionId ? [["refresh", sessionId]] : [];
      },
    },
    async ({ request, db, body, credentials, client }) => {
      const result = await rotateRefreshToken(db, presented(body, credentials.refresh), client);
      return result.ok ? tokenResponse(request, result.tokens) : result;
    },
  ),
});
