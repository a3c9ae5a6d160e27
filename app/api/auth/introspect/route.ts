import { introspectToken } from "@/lib/auth/introspection";
import { introspectionLimits, introspectionRefusal } from "@/lib/http/introspection-access";
import { json, methods, route } from "@/lib/http/route";
import { introspectionSchema, introspectRequestSchema } from "@/lib/schemas/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "introspect",
      summary: "Whether an access token is live right now (RFC 7662), for trusted backends",
      description:
        'For services that must see a logout or revocation at once: a token verified with the JWKS alone stays valid until it expires (15 minutes). Authenticated with `Authorization: Bearer <AUTH_INTROSPECTION_SECRET>`; anything that is not a live access token answers `{"active": false}`.',
      responses: { 200: introspectionSchema },
      secret: "AUTH_INTROSPECTION_SECRET",
      body: introspectRequestSchema,
      limits: ({ ip }) => introspectionLimits(ip),
    },
    async ({ request, db, body }) => introspectionRefusal(request) ?? json(await introspectToken(db, body.token)),
  ),
});
