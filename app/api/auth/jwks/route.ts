import { publicJwks } from "@/lib/auth/keys";
import { json, methods, route } from "@/lib/http/route";

// Verifiers may cache the key set briefly; a rotation keeps the old key published for days.
export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route({}, async () => json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } })),
});
