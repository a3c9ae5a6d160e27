// Helpers for passwordless sign-in and new-device alerts: ask for a mail, read its link and code.
import { expect } from "vitest";
import { post, type RequestOptions } from "./http";
import { mailTo } from "./users";

export const EMAIL_PATHS = {
  request: "/api/auth/login/email",
  verify: "/api/auth/login/email/verify",
  secure: "/api/auth/secure-account",
} as const;

export interface SignInMail {
  token: string;
  code: string;
}

/** The link token and the code of the newest sign-in mail to `email`. */
export async function latestSignInMail(email: string): Promise<SignInMail> {
  const mail = (await mailTo(email)).find((m) => m.text.includes("/login/email/link?"));
  if (!mail) throw new Error(`No sign-in mail to ${email} in the outbox`);
  const href = /https?:\/\/\S+\/login\/email\/link\?[^\s)\]"'<>]+/.exec(mail.text)?.[0];
  const code = /Sign-in code: (\d{6})/.exec(mail.text)?.[1];
  if (!href || !code) throw new Error(`No link or code in: ${mail.text}`);
  return { token: new URL(href.replaceAll("&amp;", "&")).searchParams.get("token") ?? "", code };
}

export async function signInMails(email: string) {
  return (await mailTo(email)).filter((m) => m.text.includes("/login/email/link?"));
}

export async function newDeviceMails(email: string) {
  return (await mailTo(email)).filter((m) => m.subject.startsWith("New sign-in"));
}

/** The `{uid, token}` of the newest "secure my account" link mailed to `email`. */
export async function latestSecureLink(email: string): Promise<{ uid: string; token: string }> {
  const mail = (await newDeviceMails(email))[0];
  const href = mail && /https?:\/\/\S+\/secure-account\?[^\s)\]"'<>]+/.exec(mail.text)?.[0];
  if (!href) throw new Error(`No secure-account link to ${email}`);
  const url = new URL(href.replaceAll("&amp;", "&"));
  return { uid: url.searchParams.get("uid") ?? "", token: url.searchParams.get("token") ?? "" };
}

/** Asks for a sign-in mail (always the same 200) and returns its link token and code. */
export async function requestSignInMail(email: string): Promise<SignInMail> {
  const response = await post(EMAIL_PATHS.request, { email });
  expect(response.status, await response.clone().text()).toBe(200);
  return latestSignInMail(email);
}

export function verifySignIn(body: Record<string, string>, options: Omit<RequestOptions, "json"> = {}) {
  return post(EMAIL_PATHS.verify, body, options);
}
