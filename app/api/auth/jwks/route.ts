import { publicJwks } from "@/lib/auth/keys";
import { json, methods, route } from "@/lib/http/route";
import { jwksSchema } from "@/lib/schemas/tokens";

// Verifiers may cache the key set briefly; a rotation keeps the old key published for days.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "jwks",
      summary: "The public keys that verify access tokens (also at /.well-known/jwks.json)",
      responses: { 200: jwksSchema },
    },
    async () => json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } }),
  ),
});
