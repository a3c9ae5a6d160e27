import { afterAll, afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { getDb } from "@/db";
import { databaseOutageReported } from "@/lib/http/database-outage";
import { api, auditEventsOf, expectError, loginAttempt, PATHS, strongPassword, userRow } from "../helpers/account";
import { json, post } from "../helpers/http";
import { activeUser, loginForTokens, type TokenPair } from "../helpers/users";

// The app reaches its Postgres through a TCP proxy (tests/support/tcp-proxy.ts) that plays the
// database's failures: refused, cut and stalled connections, and one connection cut at a
// chosen moment of a transaction. Short timeouts keep a stalled database to seconds.
// PGlite runs in-process, with no connection to fail: there the file only checks that a
// closed PGlite answers 503 too (the last test).
const CONNECT_TIMEOUT_SECONDS = 2;
const STATEMENT_TIMEOUT_MS = 1500;

const proxy = await vi.hoisted(async () => {
  Object.assign(process.env, {
    DATABASE_CONNECT_TIMEOUT_SECONDS: "2",
    DATABASE_STATEMENT_TIMEOUT_MS: "1500",
    // No limiter transaction before the route's own: the first COMMIT on the wire is the change under test.
    RATE_LIMIT_ENABLED: "false",
  });
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const { startTcpProxy } = await import("../support/tcp-proxy");
  const direct = new URL(url);
  const started = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  process.env.DATABASE_URL = Object.assign(new URL(url), { host: `127.0.0.1:${started.port}` }).toString();
  return { proxy: started, direct: direct.toString() };
});

let logged: MockInstance[] = [];
const databaseLines = () =>
  logged
    .flatMap((spy) => spy.mock.calls.map((args) => String(args[0])))
    .filter((line) => line.startsWith("[database]"));
const otherErrors = () => logged[0]!.mock.calls.filter((args) => !String(args[0]).startsWith("[database]"));

beforeEach(() => {
  logged = [
    vi.spyOn(console, "error").mockImplementation(() => {}),
    vi.spyOn(console, "info").mockImplementation(() => {}),
  ];
});

afterEach(async () => {
  for (const spy of logged) spy.mockRestore();
  // A failed test must not leave the next one without its database.
  await proxy?.proxy.pass();
});

afterAll(async () => {
  await proxy?.proxy.close();
});

const whoAmI = (access: string) => api("GET", PATHS.user, { bearer: access });
const refreshWith = (refresh: string) => post(PATHS.refresh, { refresh }, { tokenTransport: true });

async function expectUnavailable(response: Response): Promise<void> {
  await expectError(response, 503, "service_unavailable");
  expect(response.headers.get("retry-after")).toBe("5");
  expect(response.headers.get("x-request-id")).toBeTruthy();
}

/** Gives the pool a moment to see its connections cut, as it would between requests. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** The database answers again: a request succeeds and the recovery is logged. */
async function expectRecovery(access: string): Promise<void> {
  await vi.waitFor(async () => expect((await whoAmI(access)).status).toBe(200), { timeout: 15_000, interval: 200 });
  await vi.waitFor(() => expect(databaseOutageReported()).toBe(false), { timeout: 5_000 });
  if (databaseLines().length > 0) expect(databaseLines().at(-1)).toMatch(/^\[database\] reachable again after \d+ s$/);
}

describe.skipIf(!proxy)("Postgres outages", () => {
  const { proxy: db } = proxy ?? { proxy: null! };

  it("refused connections: who-am-I and login answer 503 with Retry-After, logged once; then 200 without a restart", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    await db.refuse();
    await settle();

    const answers = await Promise.all([
      ...Array.from({ length: 30 }, () => whoAmI(access)),
      ...Array.from({ length: 10 }, () => loginAttempt(user.username, user.password)),
    ]);
    for (const answer of answers) await expectUnavailable(answer);
    expect(databaseLines()).toHaveLength(1);
    expect(databaseLines()[0]).toMatch(/^\[database\] unreachable \(ECONNREFUSED/);
    // Not a line (let alone a stack) per request.
    expect(otherErrors()).toEqual([]);

    await db.pass();
    await expectRecovery(access);
    expect((await loginAttempt(user.username, user.password)).status).toBe(200);
    expect(databaseLines()).toHaveLength(2);
  });

  it("connections cut under the pool (a restart) are replaced: the next requests succeed", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    db.drop();
    // Requests racing the cut may find their connection gone: a 503 to retry, never a 500.
    const racing = await Promise.all(Array.from({ length: 20 }, () => whoAmI(access)));
    for (const answer of racing) if (answer.status !== 200) await expectUnavailable(answer);
    await settle();
    const after = await Promise.all(Array.from({ length: 20 }, () => whoAmI(access)));
    expect(after.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(otherErrors()).toEqual([]);
    await expectRecovery(access);
  });

  it("a stalled database (connections accepted, never answered) gives 503s within the connect timeout", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    db.stall();
    await settle();

    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => whoAmI(access)));
    const elapsed = Date.now() - started;
    for (const answer of answers) await expectUnavailable(answer);
    // 20 requests share 10 connections: two rounds of the connect timeout, and room for a loaded machine.
    expect(elapsed).toBeLessThan(CONNECT_TIMEOUT_SECONDS * 1000 * 4);
    expect(databaseLines()[0]).toMatch(/^\[database\] unreachable \(CONNECT_TIMEOUT/);

    await db.pass();
    await expectRecovery(access);
  });

  it("a statement held up by a lock is cancelled by the statement timeout: 503, and the lock's end brings 200", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    const postgres = (await import("postgres")).default;
    const holder = postgres(proxy!.direct, { max: 1, onnotice: () => {} });
    let granted = false;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding = holder.begin(async (tx) => {
      await tx`lock table users in access exclusive mode`;
      granted = true;
      await released;
    });
    await vi.waitFor(() => expect(granted).toBe(true));

    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 10 }, () => whoAmI(access)));
    const elapsed = Date.now() - started;
    release();
    await holding;
    await holder.end();

    for (const answer of answers) await expectUnavailable(answer);
    expect(elapsed).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan(STATEMENT_TIMEOUT_MS * 4);
    expect(databaseLines()[0]).toMatch(
      /^\[database\] unreachable \(57014: canceling statement due to statement timeout/,
    );
    await expectRecovery(access);
  });

  it("a refresh whose answer was lost is retried with the same token inside the grace window and succeeds", async () => {
    const user = await activeUser();
    const first = await loginForTokens(user);
    // The server commits the rotation; its COMMIT's answer never reaches the app.
    const cut = db.cutWhen("toClient", (chunk) => chunk.includes("COMMIT\0"));
    await expectUnavailable(await refreshWith(first.refresh));
    await cut;

    const retried = await refreshWith(first.refresh);
    expect(retried.status, await retried.clone().text()).toBe(200);
    const pair = await json<TokenPair>(retried);
    expect(pair.refresh).not.toBe(first.refresh);
    expect((await whoAmI(pair.access)).status).toBe(200);
    // The session lives on: the retry was not taken for a stolen token's reuse.
    expect((await refreshWith(pair.refresh)).status).toBe(200);
    expect((await auditEventsOf((await userRow(user.email)).id)).map((e) => e.event)).not.toContain("refresh_reuse");
    await expectRecovery(pair.access);
  });

  it("a password change cut off before COMMIT leaves neither the change nor its audit row; its lost answer leaves both", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    const { id, passwordHash } = await userRow(user.email);
    const change = (password: string) =>
      api("POST", PATHS.passwordChange, {
        bearer: access,
        json: { current_password: user.password, new_password: password, new_password2: password },
      });
    const changes = async () => (await auditEventsOf(id)).filter((e) => e.event === "password_change");

    // The audit row is the transaction's last statement and its only INSERT: everything is
    // written, nothing committed, when the connection dies on the INSERT's answer.
    const beforeCommit = db.cutWhen("toClient", (chunk) => chunk.includes("INSERT 0 1\0"));
    await expectUnavailable(await change(strongPassword()));
    await beforeCommit;
    expect((await userRow(user.email)).passwordHash).toBe(passwordHash);
    expect(await changes()).toEqual([]);
    expect((await loginAttempt(user.username, user.password)).status).toBe(200);

    // The COMMIT reaches the server; its answer does not reach the app.
    const password = strongPassword();
    const afterCommit = db.cutWhen("toClient", (chunk) => chunk.includes("COMMIT\0"));
    await expectUnavailable(await change(password));
    await afterCommit;
    expect((await userRow(user.email)).passwordHash).not.toBe(passwordHash);
    expect(await changes()).toHaveLength(1);
    expect((await loginAttempt(user.username, password)).status).toBe(200);
    await expectRecovery(access);
  });
});

describe("a closed database", () => {
  it("answers 503 with Retry-After (PGlite closed, or the Postgres pool ended)", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    const { databaseHandle, closeDb } = await import("@/db");
    const handle = await databaseHandle();
    await handle.close();

    const answers = await Promise.all(Array.from({ length: 10 }, () => whoAmI(access)));
    for (const answer of answers) await expectUnavailable(answer);
    expect(databaseLines()).toHaveLength(1);
    expect(otherErrors()).toEqual([]);

    // A fresh handle (what a restart would give): the setup's afterAll closes it.
    await closeDb().catch(() => {});
    await getDb();
  });
});
