import { render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import { AccountExistsEmail } from "@/emails/account-exists";
import { LoginThrottledEmail } from "@/emails/login-throttled";
import { PasswordChangedEmail } from "@/emails/password-changed";
import { ResetPasswordEmail } from "@/emails/reset-password";
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
