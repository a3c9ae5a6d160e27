// A separate Node process (examples/verify-service) verifies our access tokens with
// jose.createRemoteJWKSet against /api/auth/jwks, served here by the real route handlers over
// HTTP. It must accept our access tokens and nothing that only looks like one; a logout shows
// there only through introspection (or once the token expires).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appFetch } from "../helpers/app-fetch";
import { claimsOf, forgeToken, unsignedCopy } from "../helpers/tokens";
import { activeUser, loginForTokens } from "../helpers/users";

const SECRET = "introspection-secret-for-the-service-test-4d2c";
vi.hoisted(() => {
  process.env.AUTH_INTROSPECTION_SECRET = "introspection-secret-for-the-service-test-4d2c";
});

let authServer: Server;
let service: ChildProcess;
let serviceUrl: string;
let jwksFetches = 0;

/** The API over real HTTP, answered by the route handlers. */
async function startAuthServer(): Promise<string> {
  authServer = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.url?.startsWith("/api/auth/jwks")) jwksFetches += 1;
    const answer = await appFetch(request.url ?? "/", {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => authServer.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(authServer.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const authUrl = await startAuthServer();
  service = spawn(process.execPath, ["examples/verify-service/server.mjs"], {
    cwd: new URL("../../", import.meta.url).pathname,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: "0",
      // The tokens' issuer is AUTH_URL (tests/setup/env.ts); the keys come from the server above.
      AUTH_ISSUER: "http://localhost:3000",
      AUTH_SERVER_URL: authUrl,
      AUTH_INTROSPECTION_SECRET: SECRET,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  serviceUrl = await new Promise<string>((resolve, reject) => {
    service.stdout!.on("data", (data: Buffer) => {
      const url = /listening on (http:\/\/\S+)/.exec(String(data))?.[1];
      if (url) resolve(url);
    });
    service.on("exit", (code) => reject(new Error(`verify-service exited with ${code}`)));
  });
}, 30_000);

afterAll(async () => {
  service?.kill("SIGTERM");
  await new Promise((resolve) => authServer?.close(resolve));
});

function whoami(token: string | null, { fresh = false } = {}) {
  return fetch(`${serviceUrl}/whoami${fresh ? "?fresh=1" : ""}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

describe("a separate service verifying access tokens with the JWKS", () => {
  it("accepts a live access token and reads its subject and session", async () => {
    const tokens = await loginForTokens(await activeUser());
    const response = await whoami(tokens.access);
    expect(response.status).toBe(200);
    const claims = claimsOf(tokens.access);
    expect(await response.json()).toEqual({ sub: claims.sub, sid: claims.sid, exp: claims.exp });
  });

  it("refuses, in a parallel burst, everything that is not one of our access tokens", async () => {
    const tokens = await loginForTokens(await activeUser());
    const { sub, sid } = claimsOf(tokens.access);
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const strangerKey = { ...(await exportJWK(privateKey)), kid: "stranger" };
    const now = Math.floor(Date.now() / 1000);
    const forged = [
      tokens.refresh, // right key, wrong typ
      unsignedCopy(tokens.access), // alg: none
      await forgeToken({ typ: "at+jwt", claims: { sub, sid }, key: strangerKey }),
      await forgeToken({
        typ: "at+jwt",
        claims: { sub, sid },
        key: { ...strangerKey, kid: claimsOf(tokens.access).sid },
      }),
      await forgeToken({ typ: "at+jwt", claims: { sub, sid, iss: "https://evil.example" } }),
      await forgeToken({ typ: "at+jwt", claims: { sub, sid, aud: "https://other-service.example" } }),
      await forgeToken({ typ: "JWT", claims: { sub, sid } }),
      await forgeToken({ typ: "at+jwt", claims: { sub, sid, exp: now - 60, iat: now - 900 } }),
      "garbage",
    ];
    const answers = await Promise.all([...forged, ...forged, null].map((token) => whoami(token)));
    for (const response of answers) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    // The keys are cached: the burst did not make the service fetch them once per token.
    expect(jwksFetches).toBeLessThanOrEqual(3);
  });

  it("keeps accepting a token after logout until it expires, unless it asks the introspection endpoint", async () => {
    const tokens = await loginForTokens(await activeUser());
    expect((await whoami(tokens.access, { fresh: true })).status).toBe(200);
    const logout = await appFetch("/api/auth/logout", {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.access}` },
    });
    expect(logout.status).toBe(200);
    // The trade-off of stateless verification: the signature is still good for up to 15 minutes.
    expect((await whoami(tokens.access)).status).toBe(200);
    const fresh = await whoami(tokens.access, { fresh: true });
    expect(fresh.status).toBe(401);
    expect(await fresh.json()).toEqual({ error: "session_ended" });
  });
});
