import { expect } from "vitest";
import { listOutbox, type OutboxMessage } from "@/lib/mail/outbox";
import { storeCookies, type CookieJar } from "./cookies";
import { json, post } from "./http";

export interface TestUser {
  username: string;
  email: string;
  password: string;
  first_name?: string;
  last_name?: string;
}

export interface TokenPair {
  access: string;
  refresh: string;
  token_type: string;
  expires_in: number;
}

let counter = 0;

/** A user no other test in the file has used; the password passes the policy. */
export function newUser(overrides: Partial<TestUser> = {}): TestUser {
  counter += 1;
  const tag = `${counter}${Math.random().toString(36).slice(2, 7)}`;
  return {
    username: `pilot_${tag}`,
    email: `pilot_${tag}@example.test`,
    password: `Nebula-Orbit-${tag}!`,
    ...overrides,
  };
}

export function registrationBody(user: TestUser, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...user, password2: user.password, ...extra };
}

export async function registerUser(user: TestUser = newUser()): Promise<TestUser> {
  const response = await post("/api/auth/register", registrationBody(user));
  expect(response.status, await response.clone().text()).toBe(201);
  return user;
}

/** Newest first, like /dev/mailbox. */
export async function mailTo(email: string): Promise<OutboxMessage[]> {
  return (await listOutbox(500)).filter((m) => m.to === email.toLowerCase());
}

export interface LinkToken {
  uid: string;
  token: string;
}

/** The `{uid, token}` of the newest verification link mailed to `email`. */
export async function latestVerificationLink(email: string): Promise<LinkToken> {
  const mail = (await mailTo(email)).find((m) => m.text.includes("/verify-email?"));
  if (!mail) throw new Error(`No verification mail to ${email} in the outbox`);
  const href = /https?:\/\/\S+\/verify-email\?[^\s)\]"'<>]+/.exec(mail.text)?.[0];
  if (!href) throw new Error(`No verification link in: ${mail.text}`);
  const url = new URL(href.replaceAll("&amp;", "&"));
  return { uid: url.searchParams.get("uid") ?? "", token: url.searchParams.get("token") ?? "" };
}

export async function verifyUser(user: TestUser): Promise<void> {
  const response = await post("/api/auth/email-verify", await latestVerificationLink(user.email));
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Registered and verified, ready to log in. */
export async function activeUser(overrides: Partial<TestUser> = {}): Promise<TestUser> {
  const user = await registerUser(newUser(overrides));
  await verifyUser(user);
  return user;
}

/** Logs in with the token transport and returns the pair from the body. */
export async function loginForTokens(user: TestUser): Promise<TokenPair> {
  const response = await post(
    "/api/auth/login",
    { login: user.username, password: user.password },
    { tokenTransport: true },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return json<TokenPair>(response);
}

/** Logs in as a browser would and returns the jar holding the auth cookies. */
export async function loginWithCookies(user: TestUser, jar: CookieJar = new Map()): Promise<CookieJar> {
  const response = await post("/api/auth/login", { login: user.username, password: user.password });
  expect(response.status, await response.clone().text()).toBe(200);
  return storeCookies(jar, response);
}
