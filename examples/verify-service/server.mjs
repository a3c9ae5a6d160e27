// A separate service that trusts ASTROWORLD Auth's access tokens:
//   AUTH_ISSUER=https://auth.example.com PORT=4000 node server.mjs
//   curl -H "authorization: Bearer $ACCESS" localhost:4000/whoami
// AUTH_SERVER_URL is where this service reaches the auth server, when that is not the issuer's
// public origin (a private network name, say); the keys come from its /api/auth/jwks.
// With AUTH_INTROSPECTION_SECRET set, /whoami?fresh=1 also asks the auth server whether the
// session is still live (a logout shows at once instead of when the token expires).
import { createServer } from "node:http";
import { accessTokenVerifier, introspector } from "./verify-access-token.mjs";

const issuer = process.env.AUTH_ISSUER ?? "http://localhost:3000";
const serverUrl = process.env.AUTH_SERVER_URL ?? issuer;
const verify = accessTokenVerifier({ issuer, jwksUrl: `${serverUrl}/api/auth/jwks` });
const secret = process.env.AUTH_INTROSPECTION_SECRET;
const isActive = secret ? introspector({ serverUrl, secret }) : null;

function answer(response, status, body) {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://service.local");
  if (url.pathname !== "/whoami") return answer(response, 404, { error: "not_found" });
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
  const claims = token ? await verify(token) : null;
  if (!claims) {
    response.setHeader("www-authenticate", 'Bearer error="invalid_token"');
    return answer(response, 401, { error: "invalid_token" });
  }
  if (url.searchParams.get("fresh") === "1" && isActive && !(await isActive(token))) {
    return answer(response, 401, { error: "session_ended" });
  }
  answer(response, 200, { sub: claims.sub, sid: claims.sid, exp: claims.exp });
});

server.listen(Number(process.env.PORT ?? 4000), "127.0.0.1", () => {
  console.log(`verify-service listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
