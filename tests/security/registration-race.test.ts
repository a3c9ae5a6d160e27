// Parallel sign-ups (issue 8, item 10): whichever request loses a race is answered for the
// field it really lost on. Same email, different usernames: the losers look like "email
// exists" (201 look-alike, account-exists mail, username reserved), as they would a moment
// later. Same username, different emails: the losers get the username field error. PGlite
// runs statements one at a time, so there the bursts meet the up-front checks; on Postgres
// they meet in the insert, and one test holds a conflicting row open to make sure of it.
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { databaseHandle, getDb, tables } from "@/db";
import { expectError } from "../helpers/account";
import { json, post } from "../helpers/http";
import { activeUser, mailTo, newUser, registrationBody, type TestUser } from "../helpers/users";
import { sleep } from "./support";

vi.hoisted(() => {
  // The per-address limit would otherwise answer most of a burst on one email with 429.
  process.env.RATE_LIMIT_REGISTER = "1000/3600";
});

const REGISTER = "/api/auth/register";
const BURST = 30;

const register = (user: TestUser) => post(REGISTER, registrationBody(user));

async function accountsWith(column: "email" | "username", value: string) {
  const db = await getDb();
  return db
    .select()
    .from(tables.users)
    .where(sql`lower(${tables.users[column]}) = lower(${value})`);
}

async function reserved(username: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(tables.usernameReservations)
    .where(sql`lower(${tables.usernameReservations.username}) = lower(${username})`);
  return rows.length === 1;
}

describe("parallel sign-ups report the field they lost on", () => {
  it(`${BURST} sign-ups for one new email with distinct usernames: one account, the rest answered as "email exists"`, async () => {
    const email = newUser().email;
    const users = Array.from({ length: BURST }, () => newUser({ email }));
    const answers = await Promise.all(users.map(register));

    for (const answer of answers) expect(answer.status, await answer.clone().text()).toBe(201);
    const [account, ...others] = await accountsWith("email", email);
    expect(others).toHaveLength(0);
    const losers = users.filter((u) => u.username !== account!.username);
    expect(losers).toHaveLength(BURST - 1);
    for (const loser of losers) expect(await reserved(loser.username), loser.username).toBe(true);
    expect(await reserved(account!.username)).toBe(false);

    // Every answer looks like the winner's: same detail and shape, its own username.
    const winner = users.findIndex((u) => u.username === account!.username);
    const winnerBody = await json<{ detail: string; user: Record<string, unknown> }>(answers[winner]!);
    for (const [i, answer] of answers.entries()) {
      const body = await json<{ detail: string; user: Record<string, unknown> }>(answer);
      expect(body.detail).toBe(winnerBody.detail);
      expect(Object.keys(body.user)).toEqual(Object.keys(winnerBody.user));
      expect(body.user).toMatchObject({ username: users[i]!.username, email, email_verified: false, last_login: null });
    }

    const mails = await mailTo(email);
    expect(mails.filter((m) => /verify/i.test(m.subject))).toHaveLength(1);
    expect(mails.filter((m) => /tried to sign up/i.test(m.subject))).toHaveLength(BURST - 1);
    // A loser's username is taken exactly as if its sign-up had created an account.
    const again = await Promise.all(
      losers.map((loser) => register(newUser({ username: loser.username.toUpperCase() }))),
    );
    for (const answer of again) await expectError(answer, 400, "validation_error", ["username"]);
  });

  it(`${BURST} sign-ups for one username with distinct emails: exactly one 201, the rest a username field error`, async () => {
    const username = newUser().username;
    const users = Array.from({ length: BURST }, (_, i) =>
      newUser({ username: i % 2 ? username : username.toUpperCase() }),
    );
    const answers = await Promise.all(users.map(register));

    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    const [account, ...others] = await accountsWith("username", username);
    expect(others).toHaveLength(0);
    expect(await reserved(username)).toBe(false);
    for (const [i, answer] of answers.entries()) {
      if (answer.status === 201) continue;
      const body = await expectError(answer, 400, "validation_error", ["username"]);
      expect(Object.keys(body.fields!)).toEqual(["username"]);
      expect(await accountsWith("email", users[i]!.email)).toHaveLength(0);
      expect(await mailTo(users[i]!.email)).toHaveLength(0);
    }
    expect(account!.email).toBe(users[answers.indexOf(created[0]!)]!.email);
  });

  it("a sign-up for a registered address racing a fresh sign-up for the same username: exactly one wins, as with a new address", async () => {
    const owner = await activeUser();
    const pairs = 15;
    for (const target of ["registered", "new"] as const) {
      const bursts = Array.from({ length: pairs }, () => {
        const username = newUser().username;
        const email = target === "registered" ? owner.email : newUser().email;
        return Promise.all([register(newUser({ username, email })), register(newUser({ username }))]);
      });
      for (const [a, b] of await Promise.all(bursts)) {
        const statuses = [a.status, b.status].sort();
        expect(statuses, `${target}: ${await a.clone().text()} / ${await b.clone().text()}`).toEqual([201, 400]);
        await expectError(a.status === 400 ? a : b, 400, "validation_error", ["username"]);
      }
    }
  });

  it('a sign-up whose insert meets a parallel sign-up\'s row for the same email, committed later, is answered as "email exists"', async () => {
    const handle = await databaseHandle();
    const db = handle.db;
    const email = newUser().email;
    const first = newUser({ email });
    const second = newUser({ email });

    // A parallel sign-up that has inserted its account but not committed yet.
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const hasInserted = new Promise<void>((resolve) => (inserted = resolve));
    const parallel = db.transaction(async (tx) => {
      await tx
        .insert(tables.users)
        .values({ username: first.username, email, passwordHash: "$argon2id$v=19$m=1024,t=1,p=1$x$y" });
      inserted();
      await committed;
    });
    await hasInserted;
    const answer = register(second);
    if (handle.driver === "postgres") {
      // Its checks saw no account for the email; wait until its insert waits on ours.
      await waitForBlockedInsert();
    } else {
      // PGlite queues the sign-up behind the open transaction: it will meet the row in its checks.
      await sleep(100);
    }
    commit();
    await parallel;

    const response = await answer;
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await json<{ user: { username: string } }>(response)).user.username).toBe(second.username);
    expect((await accountsWith("email", email)).map((u) => u.username)).toEqual([first.username]);
    expect(await reserved(second.username)).toBe(true);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual([expect.stringMatching(/tried to sign up/i)]);
  });
});

/** Postgres only: resolves once a session of this database waits on a lock inside `insert into "users"`. */
async function waitForBlockedInsert(): Promise<void> {
  const db = await getDb();
  for (let i = 0; i < 200; i++) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`pg_stat_activity`)
      .where(sql`datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into "users"%'`);
    if (row!.n > 0) return;
    await sleep(25);
  }
  throw new Error("The sign-up never reached its insert");
}
