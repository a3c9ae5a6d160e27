// No production mode publishes mail: the dev mailbox and every /dev/* page are 404 under
// NODE_ENV=production whatever is set, the outbox transport refuses to exist there, and no
// transport writes a link or token to the logs. Each case loads the modules afresh with the
// configuration under test (lib/env.ts reads it once per module instance).
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { startResendStandIn } from "../support/resend-standin";

type Vars = Record<string, string | undefined>;

const NOT_FOUND = { digest: "NEXT_HTTP_ERROR_FALLBACK;404" };
const PRODUCTION: Vars = {
  NODE_ENV: "production",
  AUTH_URL: "https://auth.astroworld.example",
  TRUSTED_PROXY_HOPS: "1",
};
/** Everything that ever exposed or could expose the outbox, set the way an operator (or attacker with env access) might. */
const EVERY_OVERRIDE: Vars = {
  AUTH_ALLOW_DEV_OUTBOX: "true",
  AUTH_ALLOW_HTTP: "true",
  AUTH_ALLOW_GENERATED_KEY: "true",
  AUTH_ALLOW_DEFAULT_PROXY: "true",
};

const resend = await startResendStandIn();
afterAll(() => resend.close());

async function inMode<T>(vars: Vars, run: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  try {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.resetModules();
    return await run();
  } finally {
    process.env = saved;
    vi.resetModules();
  }
}

/** A link token nobody could guess, so finding it anywhere means it leaked. */
function linkToken() {
  return { uid: randomBytes(6).toString("base64url"), token: randomBytes(32).toString("base64url") };
}

const address = () => `mail.${randomBytes(4).toString("hex")}@astroworld.test`;

/** Every console line written while `run` runs, joined (console methods are spied, not silenced from the test's view). */
async function consoleDuring(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(
        args
          .map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a)))
          .join(" "),
      );
    }),
  );
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join("\n");
}

async function outboxRowsTo(to: string) {
  const db = await getDb();
  return (await db.select().from(tables.devOutbox)).filter((m) => m.to === to);
}

afterEach(() => resend.failWith(null));

describe("the dev mailbox", () => {
  it("renders the outbox in development", async () => {
    const to = address();
    const token = linkToken();
    const printed = await inMode({ NODE_ENV: "development", RESEND_API_KEY: undefined }, async () => {
      const output = await consoleDuring(async () => {
        const { sendVerificationMail } = await import("@/lib/mail/messages");
        await sendVerificationMail(to, token);
      });
      const { default: DevMailboxPage } = await import("@/app/dev/mailbox/page");
      const { default: DevLayout } = await import("@/app/dev/layout");
      const html = renderToStaticMarkup(DevLayout({ children: await DevMailboxPage() }));
      expect(html).toContain("Dev mailbox");
      expect(html).toContain(to);
      expect(html).toContain(`token=${token.token}`);
      return output;
    });
    // Development prints mail to the console too: that is where a developer looks first.
    expect(printed).toContain(`token=${token.token}`);
  });

  it("is 404 under NODE_ENV=production with no mail provider, even with AUTH_ALLOW_DEV_OUTBOX=true and every other override", async () => {
    // Mail is in the outbox (written in test mode), so a page that rendered would show it.
    const to = address();
    const { sendVerificationMail } = await import("@/lib/mail/messages");
    await sendVerificationMail(to, linkToken());
    expect(await outboxRowsTo(to)).toHaveLength(1);

    for (const overrides of [{ AUTH_ALLOW_DEV_OUTBOX: "true" }, { AUTH_ALLOW_DEV_OUTBOX: "1" }, EVERY_OVERRIDE, {}]) {
      await inMode({ ...PRODUCTION, RESEND_API_KEY: undefined, ...overrides }, async () => {
        const { devToolsEnabled } = await import("@/lib/env");
        expect(devToolsEnabled()).toBe(false);
        const { default: DevMailboxPage } = await import("@/app/dev/mailbox/page");
        await expect(DevMailboxPage()).rejects.toMatchObject(NOT_FOUND);
        const { default: DevLayout } = await import("@/app/dev/layout");
        expect(() => DevLayout({ children: null })).toThrow(expect.objectContaining(NOT_FOUND));
        // Past the page, the outbox itself will not be read.
        const { listOutbox } = await import("@/lib/mail/outbox");
        await expect(listOutbox()).rejects.toThrow(/development-only/);
      });
    }
  });
});

describe("mail transports under NODE_ENV=production", () => {
  it("the outbox transport refuses to be built, and nothing reaches the outbox or the logs", async () => {
    const to = address();
    const token = linkToken();
    const logged = await inMode({ ...PRODUCTION, RESEND_API_KEY: undefined, ...EVERY_OVERRIDE }, async () => {
      const { outboxTransport } = await import("@/lib/mail/outbox");
      expect(() => outboxTransport()).toThrow(/development-only/);
      const { mailTransport } = await import("@/lib/mail/transport");
      await expect(mailTransport()).rejects.toThrow(/development-only/);
      return consoleDuring(async () => {
        const { sendVerificationMail, sendPasswordResetMail } = await import("@/lib/mail/messages");
        await Promise.all([sendVerificationMail(to, token), sendPasswordResetMail(to, token)]);
      });
    });
    expect(await outboxRowsTo(to)).toEqual([]);
    expect(logged).not.toContain(token.token);
    expect(logged).not.toMatch(/verify-email\?|reset-password\?/);
    // The failure itself is reported, by subject.
    expect(logged).toContain('Mail "Verify your email for ASTROWORLD" could not be sent');
  });

  it("Resend sends the link and logs nothing about it", async () => {
    const to = address();
    const token = linkToken();
    const logged = await inMode({ ...PRODUCTION, RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url }, () =>
      consoleDuring(async () => {
        const { sendPasswordResetMail } = await import("@/lib/mail/messages");
        await sendPasswordResetMail(to, token);
      }),
    );
    expect(resend.sent.find((m) => m.to === to)?.text).toContain(`token=${token.token}`);
    expect(logged).toBe("");
    expect(await outboxRowsTo(to)).toEqual([]);
  });

  it("a Resend refusal that echoes the message back logs neither the link nor the token", async () => {
    resend.failWith(422, { echo: true });
    const to = address();
    const token = linkToken();
    const logged = await inMode({ ...PRODUCTION, RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url }, () =>
      consoleDuring(async () => {
        const { sendVerificationMail, sendPasswordResetMail } = await import("@/lib/mail/messages");
        await Promise.all([sendVerificationMail(to, token), sendPasswordResetMail(to, token)]);
      }),
    );
    expect(logged).toContain("could not be sent");
    expect(logged).toContain("Refused by the stand-in");
    expect(logged).not.toContain(token.token);
    expect(logged).not.toContain(token.uid);
    expect(logged).not.toMatch(/https?:\/\//);
  });
});

describe("the outbox outside development", () => {
  it("keeps mail for the tests but prints nothing under NODE_ENV=test", async () => {
    const to = address();
    const token = linkToken();
    const logged = await consoleDuring(async () => {
      const { sendVerificationMail } = await import("@/lib/mail/messages");
      await sendVerificationMail(to, token);
    });
    expect((await outboxRowsTo(to))[0]?.text).toContain(token.token);
    expect(logged).toBe("");
  });
});
