import { expect } from "@playwright/test";
import type { SentEmail } from "../../tests/support/resend-standin";
import { MAIL_STANDIN } from "./mail-standin-config";

// The specs read mail from the local Resend stand-in the servers under test send to
// (playwright.config.ts), never from the app: production has no page that shows mail.

export const SUBJECTS = {
  verify: "Verify your email for ASTROWORLD",
  reset: "Reset your ASTROWORLD password",
  paused: "Sign-ins to your ASTROWORLD account were paused",
} as const;

/** Every mail captured for `to`, newest first. */
export async function mailsTo(to: string): Promise<SentEmail[]> {
  const response = await fetch(`${MAIL_STANDIN.url}/emails?to=${encodeURIComponent(to)}`, {
    headers: { authorization: `Bearer ${MAIL_STANDIN.apiKey}` },
  });
  expect(response.status, "the mail stand-in answers").toBe(200);
  return ((await response.json()) as { data: SentEmail[] }).data;
}

/**
 * The links to `path` in the mails to `to` with `subject`, newest mail first, once exactly
 * `count` such mails have arrived. Mail is sent after the HTTP response, so this polls.
 */
export async function mailedLinks(opts: {
  to: string;
  subject: string;
  path: string;
  count?: number;
}): Promise<string[]> {
  const count = opts.count ?? 1;
  let mails: SentEmail[] = [];
  await expect
    .poll(
      async () => {
        mails = (await mailsTo(opts.to)).filter((mail) => mail.subject === opts.subject);
        return mails.length;
      },
      { message: `${count} "${opts.subject}" mail(s) to ${opts.to}`, timeout: 20_000 },
    )
    .toBe(count);
  return mails.map((mail) => {
    const hrefs = [...new Set(mail.text.match(/https?:\/\/[^\s\]>)]+/g) ?? [])];
    const link = hrefs.find((href) => new URL(href).pathname === opts.path);
    expect(link, `a ${opts.path} link in "${opts.subject}" to ${opts.to}: ${hrefs.join(", ")}`).toBeTruthy();
    const url = new URL(link!);
    expect(url.searchParams.get("uid")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(url.searchParams.get("token")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    return link!;
  });
}

/** The verification link mailed to `email` (exactly one such mail expected). */
export async function verificationLinkFor(email: string): Promise<string> {
  const [link] = await mailedLinks({ to: email, subject: SUBJECTS.verify, path: "/verify-email" });
  return link!;
}
