import { refreshTokenSession, rotateRefreshToken } from "@/lib/auth/session";
import { methods, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { refreshResponseSchema, refreshSchema } from "@/lib/schemas/auth";

/** The body's refresh token (token clients), else the refresh cookie (browsers). */
const presented = (body: { refresh?: string }, cookie: string | null) => body.refresh ?? cookie;

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "refresh",
      summary: "Rotate the refresh token and get a new pair",
      description:
        "Takes the refresh cookie, or `{refresh}` in the body. Every refresh token works once: replaying a used one ends the session (`refresh_token_reused`), except within a few seconds of its rotation, when the answer is the live successor (parallel tabs).",
      responses: { 200: refreshResponseSchema },
      errors: ["invalid_refresh_token", "refresh_token_reused", "session_revoked"],
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
