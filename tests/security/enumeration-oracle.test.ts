// Registration reveals nothing, even in two steps (issue 8, item 4). The attacker signs up
// with a target's email, a fresh username U and a password P of their choice, then either
//   (a) logs in as U/P: an account U exists only if the email was new, or
//   (b) signs up for U again with another email: U is taken only if the email was new,
// unless the answers are the same either way. For a target that already has a (verified)
// account and for a new one, each step's answers are compared: status, JSON body (random
// ids and timestamps by format only), header names and values, cookie names, and timing.
import { describe, expect, it, vi } from "vitest";
import { api, PATHS, signIn, strongPassword } from "../helpers/account";
import { setCookiesOf } from "../helpers/cookies";
import { post } from "../helpers/http";
import { latestVerificationLink, mailTo, newUser, registerUser, verifyUser, type TestUser } from "../helpers/users";

// Next.js runs `after()` work once the response has been sent; outside a request the app
// runs it inline (lib/http/after-response.ts), which would put the mail in the measured
// time. Queue it instead, like the server, and run it between requests.
const afterQueue = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void afterQueue.push(task),
}));

async function runAfterResponseWork(): Promise<void> {
  while (afterQueue.length > 0) await afterQueue.shift()!();
}

type Target = "registered" | "new";
const TARGETS: Target[] = ["registered", "new"];
/** Measured runs per target and step, after one unmeasured warm-up run each. */
const RUNS = 15;

/** Everything an attacker sees of one answer, with this run's own values replaced by their role. */
interface Seen {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  cookies: string[];
}

/** Headers whose value is random per request; their presence is still compared. */
const RANDOM_HEADERS = new Set(["x-request-id"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function normalise(value: unknown, roles: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v, roles));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, roles)]));
  }
  if (typeof value !== "string") return value;
  if (roles.has(value)) return roles.get(value);
  if (UUID.test(value)) return "<uuid>";
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) && !Number.isNaN(Date.parse(value))) return "<timestamp>";
  return value;
}

async function see(response: Response, roles: Map<string, string>): Promise<Seen> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") headers[name] = RANDOM_HEADERS.has(name) ? "<random>" : value;
  }
  return {
    status: response.status,
    body: normalise(JSON.parse(await response.text()), roles),
    headers,
    cookies: [...setCookiesOf(response).keys()].sort(),
  };
}

/** Sends one request the attacker would send; how long until the answer, and what it showed. */
async function attempt(
  send: () => Promise<Response>,
  roles: Map<string, string>,
): Promise<{ seen: Seen; ms: number; response: Response }> {
  const started = performance.now();
  const response = await send();
  const ms = performance.now() - started;
  return { seen: await see(response.clone(), roles), ms, response };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Single handler times on a shared two-core box (other test files run beside this one,
 * PGlite is single-threaded WASM, GC and JIT pauses) swing from 15 to 150 ms, and honest
 * medians of 15 runs still differed by up to ~20 ms, so they must agree within 35% of the
 * slower one plus 30 ms. That catches one-sided work before the answer of roughly 40 ms and
 * more without flaking, but not reliably a single mail sent before the answer (+15 to 50 ms
 * here): that is why the test also checks that no mail exists when the answer comes back. The cheap test hashes (argon2 at 1 MiB) cost a millisecond or two,
 * so the dummy hash for unknown logins is proven by tests/api/login-unknown-user.test.ts.
 */
function expectSameTiming(step: string, times: Record<Target, number[]>): void {
  const registered = median(times.registered);
  const fresh = median(times.new);
  const tolerance = 0.35 * Math.max(registered, fresh) + 30;
  expect(
    Math.abs(registered - fresh),
    `${step}: median ${registered.toFixed(1)} ms (registered) vs ${fresh.toFixed(1)} ms (new)`,
  ).toBeLessThanOrEqual(tolerance);
}

/** Each step's answers must be identical across runs and targets once roles replace this run's values. */
function expectSameAnswers(step: string, seen: Record<Target, Seen[]>): Seen {
  const [reference] = seen.registered;
  for (const target of TARGETS) {
    for (const [run, answer] of seen[target].entries())
      expect(answer, `${step}, ${target} target, run ${run}`).toEqual(reference);
  }
  return reference!;
}

/** One verified account per run: the "registered" targets, created before anything is measured. */
async function registeredTargets(count: number): Promise<TestUser[]> {
  const owners: TestUser[] = [];
  for (let i = 0; i < count; i++) owners.push(await verifiedUser());
  return owners;
}

async function verifiedUser(): Promise<TestUser> {
  const user = await registerUser();
  await runAfterResponseWork();
  await verifyUser(user);
  return user;
}

function signUp(email: string, username: string, password: string): Promise<Response> {
  return post("/api/auth/register", { username, email, password, password2: password });
}

async function verificationMails(email: string) {
  return (await mailTo(email)).filter((m) => m.text.includes("/verify-email?"));
}

describe("two-step enumeration through sign-up", () => {
  it("(a) sign up with the target's email, then log in as the new username: the same answers for a registered and a new email", async () => {
    const owners = await registeredTargets(RUNS + 1);
    const seen: Record<string, Record<Target, Seen[]>> = {
      signUp: { registered: [], new: [] },
      logIn: { registered: [], new: [] },
    };
    const times: Record<string, Record<Target, number[]>> = {
      signUp: { registered: [], new: [] },
      logIn: { registered: [], new: [] },
    };

    for (let run = 0; run <= RUNS; run++) {
      // Alternate which target goes first, so drift over the run cannot favour one side.
      for (const target of run % 2 ? [...TARGETS].reverse() : TARGETS) {
        const email = target === "registered" ? owners[run]!.email : newUser().email;
        const username = newUser().username;
        const password = strongPassword();
        const roles = new Map([
          [email, "<target email>"],
          [username, "<username>"],
        ]);
        const mailsBefore = (await mailTo(email)).length;
        const verificationsBefore = (await verificationMails(email)).length;

        const signedUp = await attempt(() => signUp(email, username, password), roles);
        expect(await mailTo(email)).toHaveLength(mailsBefore);
        await runAfterResponseWork();
        expect(await mailTo(email)).toHaveLength(mailsBefore + 1);
        const linkAfterSignUp = target === "new" ? await latestVerificationLink(email) : null;
        const loggedIn = await attempt(() => post(PATHS.login, { login: username, password }), roles);
        // Whatever the login sends goes out after its answer, never before.
        expect(await mailTo(email)).toHaveLength(mailsBefore + 1);
        await runAfterResponseWork();

        if (target === "new") {
          // The person who owns the new address gets a fresh link (the older one is superseded).
          const mails = await verificationMails(email);
          expect(mails).toHaveLength(verificationsBefore + 2);
          expect(await latestVerificationLink(email)).not.toEqual(linkAfterSignUp);
        } else {
          expect(await verificationMails(email)).toHaveLength(verificationsBefore);
        }
        if (run === 0) continue;
        seen.signUp![target].push(signedUp.seen);
        seen.logIn![target].push(loggedIn.seen);
        times.signUp![target].push(signedUp.ms);
        times.logIn![target].push(loggedIn.ms);
      }
    }

    expect(expectSameAnswers("sign-up", seen.signUp!)).toMatchObject({ status: 201, cookies: [] });
    const login = expectSameAnswers("login", seen.logIn!);
    expect(login).toMatchObject({ status: 401, body: { code: "invalid_credentials" }, cookies: [] });
    expect(login.headers["cache-control"]).toBe("no-store");
    expectSameTiming("sign-up", times.signUp!);
    expectSameTiming("login", times.logIn!);
  }, 180_000);

  it("(b) sign up with the target's email, then for the same username with another email: the same answers for a registered and a new email", async () => {
    const owners = await registeredTargets(RUNS + 1);
    const seen: Record<Target, Seen[]> = { registered: [], new: [] };
    const times: Record<Target, number[]> = { registered: [], new: [] };

    for (let run = 0; run <= RUNS; run++) {
      for (const target of run % 2 ? [...TARGETS].reverse() : TARGETS) {
        const email = target === "registered" ? owners[run]!.email : newUser().email;
        const other = newUser().email;
        const username = newUser().username;
        const roles = new Map([
          [email, "<target email>"],
          [other, "<other email>"],
          [username, "<username>"],
        ]);

        expect((await signUp(email, username, strongPassword())).status).toBe(201);
        await runAfterResponseWork();
        const again = await attempt(() => signUp(other, username.toUpperCase(), strongPassword()), roles);
        await runAfterResponseWork();
        expect(await mailTo(other)).toHaveLength(0);
        if (run === 0) continue;
        seen[target].push(again.seen);
        times[target].push(again.ms);
      }
    }

    const answer = expectSameAnswers("second sign-up", seen);
    expect(answer).toMatchObject({
      status: 400,
      body: { code: "validation_error", fields: { username: [expect.any(String)] } },
      cookies: [],
    });
    expect(Object.keys((answer.body as { fields: object }).fields)).toEqual(["username"]);
    expectSameTiming("second sign-up", times);
  }, 180_000);

  it("(b') sign up with the target's email, then rename one's own account to that username: refused alike", async () => {
    const attacker = await verifiedUser();
    const credentials = await signIn(attacker, "bearer");
    const owners = await registeredTargets(3);
    const seen: Record<Target, Seen[]> = { registered: [], new: [] };

    for (const owner of owners) {
      for (const target of TARGETS) {
        const email = target === "registered" ? owner.email : newUser().email;
        const username = newUser().username;
        expect((await signUp(email, username, strongPassword())).status).toBe(201);
        await runAfterResponseWork();
        const renamed = await attempt(
          () => api("PATCH", PATHS.user, { ...credentials, json: { username } }),
          new Map([[username, "<username>"]]),
        );
        seen[target].push(renamed.seen);
      }
    }

    expect(expectSameAnswers("rename", seen)).toMatchObject({
      status: 400,
      body: { code: "validation_error", fields: { username: [expect.any(String)] } },
    });
  });
});
