import { render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { AccountExistsEmail } from "@/emails/account-exists";
import { EmailSignInEmail } from "@/emails/email-sign-in";
import { LoginThrottledEmail } from "@/emails/login-throttled";
import { NewDeviceEmail } from "@/emails/new-device";
import { PasskeyChangedEmail } from "@/emails/passkey-changed";
import { PasswordChangedEmail } from "@/emails/password-changed";
import { ResetPasswordEmail } from "@/emails/reset-password";
import { VerifyEmail } from "@/emails/verify-email";
import { linksIn } from "./links";

// A mail client turns the URLs of a plain-text mail into links by itself, and many take a
// full stop or comma right after one as part of it: the link then fails. No URL in our
// plain-text mails may be followed by punctuation.

const url = (path: string) => `http://localhost:3000${path}?uid=0b0e6d2c&token=Xy_9-z`;

const MAILS: Record<string, ReactElement> = {
  verify: createElement(VerifyEmail, { url: url("/verify-email"), hours: 24 }),
  reset: createElement(ResetPasswordEmail, { url: url("/reset-password"), minutes: 30 }),
  exists: createElement(AccountExistsEmail, { loginUrl: url("/login"), resetUrl: url("/forgot-password") }),
  changed: createElement(PasswordChangedEmail, { resetUrl: url("/forgot-password"), how: "changed" }),
  throttled: createElement(LoginThrottledEmail, {
    resetUrl: url("/forgot-password"),
    unlockUrl: url("/unlock"),
    minutes: 15,
    hours: 1,
  }),
  signIn: createElement(EmailSignInEmail, { url: url("/login/email/link"), code: "123456", minutes: 10 }),
  newDevice: createElement(NewDeviceEmail, {
    device: "Firefox on Linux",
    ip: "203.0.113.7",
    when: "26 Nov 2026, 06:00 UTC",
    method: "password",
    sessionsUrl: url("/account"),
    secureUrl: url("/secure-account"),
    days: 7,
  }),
  passkey: createElement(PasskeyChangedEmail, {
    change: "added",
    name: "Laptop",
    accountUrl: url("/account"),
    resetUrl: url("/forgot-password"),
  }),
};

describe("plain-text mails", () => {
  it.each(Object.keys(MAILS))("%s: every URL ends where its link ends", async (name) => {
    const text = await render(MAILS[name]!, { plainText: true });
    const urls = text.match(/https?:\/\/\S+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const found of urls) expect(found, `in:\n${text}`).not.toMatch(/[.,;:!?'")\]]$/);
    // And the dev mailbox finds exactly these links.
    expect(linksIn(text)).toEqual([...new Set(urls)]);
  });
});
