import { render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import { AccountDeletedEmail } from "@/emails/account-deleted";
import { AccountExistsEmail } from "@/emails/account-exists";
import { EmailChangeConfirmEmail } from "@/emails/email-change-confirm";
import { EmailChangedEmail } from "@/emails/email-changed";
import { EmailTakenEmail } from "@/emails/email-taken";
import { EmailSignInEmail } from "@/emails/email-sign-in";
import { LoginThrottledEmail } from "@/emails/login-throttled";
import { NewDeviceEmail } from "@/emails/new-device";
import { PasskeyChangedEmail } from "@/emails/passkey-changed";
import { PasswordChangedEmail } from "@/emails/password-changed";
import { ReauthCodeEmail } from "@/emails/reauth-code";
import { ResetPasswordEmail } from "@/emails/reset-password";
import { TwoFactorChangedEmail, type TwoFactorChange } from "@/emails/two-factor-changed";
import { VerifyEmail } from "@/emails/verify-email";
import type { LinkToken } from "@/lib/auth/one-time-token";
import { env } from "@/lib/env";
import { deliver } from "./transport";

function link(path: string, token: LinkToken): string {
  const url = new URL(path, env().AUTH_URL);
  url.searchParams.set("uid", token.uid);
  url.searchParams.set("token", token.token);
  return url.toString();
}

async function send(to: string, subject: string, element: ReactElement): Promise<void> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  await deliver({ to, subject, html, text });
}

export function sendVerificationMail(to: string, token: LinkToken): Promise<void> {
  const hours = Math.round(env().VERIFY_TOKEN_TTL_SECONDS / 3600);
  return send(
    to,
    "Verify your email for ASTROWORLD",
    createElement(VerifyEmail, { url: link("/verify-email", token), hours }),
  );
}

export function sendAccountExistsMail(to: string): Promise<void> {
  const base = env().AUTH_URL;
  return send(
    to,
    "Someone tried to sign up with your email",
    createElement(AccountExistsEmail, {
      loginUrl: new URL("/login", base).toString(),
      resetUrl: new URL("/forgot-password", base).toString(),
    }),
  );
}

export function sendPasswordResetMail(to: string, token: LinkToken): Promise<void> {
  const minutes = Math.round(env().RESET_TOKEN_TTL_SECONDS / 60);
  return send(
    to,
    "Reset your ASTROWORLD password",
    createElement(ResetPasswordEmail, { url: link("/reset-password", token), minutes }),
  );
}

export function sendPasswordChangedMail(to: string, how: "changed" | "reset"): Promise<void> {
  const resetUrl = new URL("/forgot-password", env().AUTH_URL).toString();
  return send(to, "Your ASTROWORLD password was changed", createElement(PasswordChangedEmail, { resetUrl, how }));
}

export function sendLoginThrottledMail(to: string, minutes: number, unlock: LinkToken): Promise<void> {
  const resetUrl = new URL("/forgot-password", env().AUTH_URL).toString();
  const unlockUrl = link("/unlock", unlock);
  const hours = Math.max(1, Math.round(env().UNLOCK_TOKEN_TTL_SECONDS / 3600));
  return send(
    to,
    "Sign-ins to your ASTROWORLD account were paused",
    createElement(LoginThrottledEmail, { resetUrl, unlockUrl, minutes, hours }),
  );
}

// Account lifecycle (issue 14): change email, delete account.

export function sendEmailChangeConfirmMail(to: string, token: LinkToken): Promise<void> {
  const hours = Math.max(1, Math.round(env().EMAIL_CHANGE_TOKEN_TTL_SECONDS / 3600));
  return send(
    to,
    "Confirm your new ASTROWORLD email address",
    createElement(EmailChangeConfirmEmail, { url: link("/email-change/confirm", token), hours }),
  );
}

export function sendEmailChangedMail(to: string, newEmail: string, revert: LinkToken): Promise<void> {
  const days = Math.max(1, Math.round(env().EMAIL_CHANGE_REVERT_TTL_SECONDS / 86400));
  return send(
    to,
    "Your ASTROWORLD email address was changed",
    createElement(EmailChangedEmail, { newEmail, revertUrl: link("/email-change/revert", revert), days }),
  );
}

export function sendEmailTakenMail(to: string): Promise<void> {
  const accountUrl = new URL("/account", env().AUTH_URL).toString();
  return send(to, "Someone tried to move to your email address", createElement(EmailTakenEmail, { accountUrl }));
}

export function sendAccountDeletedMail(to: string, username: string): Promise<void> {
  return send(to, "Your ASTROWORLD account was deleted", createElement(AccountDeletedEmail, { username }));
}

// Passwordless sign-in and new-device alerts (issue 14).

export function sendEmailSignInMail(to: string, { token, code }: { token: string; code: string }): Promise<void> {
  const url = new URL("/login/email/link", env().AUTH_URL);
  url.searchParams.set("token", token);
  const minutes = Math.max(1, Math.round(env().EMAIL_SIGN_IN_TTL_SECONDS / 60));
  return send(
    to,
    "Your ASTROWORLD sign-in link",
    createElement(EmailSignInEmail, { url: url.toString(), code, minutes }),
  );
}

export function sendReauthCodeMail(to: string, code: string, minutes: number): Promise<void> {
  return send(to, "Your ASTROWORLD confirmation code", createElement(ReauthCodeEmail, { code, minutes }));
}

export interface NewDeviceDetails {
  device: string;
  ip: string;
  when: string;
  method: string;
}

export function sendNewDeviceMail(to: string, details: NewDeviceDetails, secure: LinkToken): Promise<void> {
  const days = Math.max(1, Math.round(env().SECURE_ACCOUNT_TOKEN_TTL_SECONDS / 86400));
  const sessionsUrl = new URL("/account#sessions-title", env().AUTH_URL).toString();
  return send(
    to,
    "New sign-in to your ASTROWORLD account",
    createElement(NewDeviceEmail, { ...details, sessionsUrl, secureUrl: link("/secure-account", secure), days }),
  );
}

/** Passkeys (issue 15): one was added to or removed from the account. */
export function sendPasskeyChangedMail(to: string, change: "added" | "removed", name: string): Promise<void> {
  const base = env().AUTH_URL;
  return send(
    to,
    change === "added"
      ? "A passkey was added to your ASTROWORLD account"
      : "A passkey was removed from your ASTROWORLD account",
    createElement(PasskeyChangedEmail, {
      change,
      name,
      accountUrl: new URL("/account", base).toString(),
      resetUrl: new URL("/forgot-password", base).toString(),
    }),
  );
}

/** Two-factor (issue 15): TOTP on or off, new recovery codes, or one used to sign in. */
export function sendTwoFactorChangedMail(to: string, change: TwoFactorChange, codesLeft?: number): Promise<void> {
  const base = env().AUTH_URL;
  const subjects: Record<TwoFactorChange, string> = {
    enabled: "Two-factor authentication is on for your ASTROWORLD account",
    disabled: "Two-factor authentication was turned off for your ASTROWORLD account",
    recovery_codes: "New recovery codes for your ASTROWORLD account",
    recovery_code_used: "A recovery code was used to sign in to your ASTROWORLD account",
  };
  return send(
    to,
    subjects[change],
    createElement(TwoFactorChangedEmail, {
      change,
      codesLeft,
      accountUrl: new URL("/account", base).toString(),
      resetUrl: new URL("/forgot-password", base).toString(),
    }),
  );
}
