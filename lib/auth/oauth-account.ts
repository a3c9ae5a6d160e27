import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { oauthAccounts, users } from "@/db/schema";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import type { DeviceOptions } from "./known-device";
import {
  enabledProviders,
  isOAuthProvider,
  PROVIDER_NAMES,
  type OAuthProvider,
  type ProviderIdentity,
} from "./oauth-providers";
import { hasUsablePassword, unusablePasswordHash } from "./password";
import { signIn, type SignedIn } from "./sign-in";
import { findUserByEmail, usernameTaken, type UserRow } from "./user";
import { lockUsername } from "./username-reservation";

export type OAuthRefusal =
  | "oauth_email_unverified"
  | "oauth_account_exists"
  | "oauth_identity_taken"
  | "oauth_provider_already_linked"
  | "oauth_last_sign_in_method"
  | "account_disabled"
  | "not_found";

export type Refused = { ok: false; code: OAuthRefusal };

export interface OAuthAccountView {
  provider: OAuthProvider;
  email: string | null;
  created_at: string;
  last_used_at: string;
}

/**
 * A provider sign-in: the account already linked to this identity, or a new account when the
 * provider vouches for an address nobody here has. An address that belongs to an account is
 * never linked from here (whoever controls the provider account would take it over): its owner
 * signs in with their password first and connects the provider from their account page.
 */
export async function signInWithIdentity(
  db: Database,
  identity: ProviderIdentity,
  ctx: ClientInfo,
  device: DeviceOptions,
): Promise<SignedIn | Refused> {
  const linked = (await linkedUser(db, identity)) ?? (await createAccountFor(db, identity, ctx));
  if ("ok" in linked) return linked;
  if (!linked.isActive) return { ok: false, code: "account_disabled" };
  const touch = db
    .update(oauthAccounts)
    .set({ lastUsedAt: new Date(), email: identity.email })
    .where(identityIs(identity));
  return signIn(db, linked.id, ctx, {
    ...device,
    method: "oauth",
    metadata: { provider: identity.provider },
    writes: [touch],
  });
}

/** Connects an identity to the signed-in account; one identity per provider and per account. */
export async function linkIdentity(
  db: Database,
  user: UserRow,
  identity: ProviderIdentity,
  ctx: ClientInfo,
): Promise<{ ok: true } | Refused> {
  return db.transaction(async (tx) => {
    await lockIdentity(tx, identity);
    const owner = await linkedUser(tx, identity);
    if (owner) return owner.id === user.id ? { ok: true } : { ok: false, code: "oauth_identity_taken" };
    const [inserted] = await tx
      .insert(oauthAccounts)
      .values({ provider: identity.provider, providerUserId: identity.id, userId: user.id, email: identity.email })
      .onConflictDoNothing()
      .returning();
    if (!inserted) return { ok: false, code: "oauth_provider_already_linked" };
    await recordAuditEvent(tx, "oauth_linked", ctx, user.id, { provider: identity.provider });
    return { ok: true };
  });
}

/**
 * Disconnects a provider, unless it is the account's last way in: no password and no other
 * provider. The account row is locked so two parallel unlinks cannot each see the other.
 */
export async function unlinkProvider(
  db: Database,
  userId: string,
  provider: string,
  ctx: ClientInfo,
): Promise<{ ok: true; detail: string } | Refused> {
  if (!isOAuthProvider(provider)) return { ok: false, code: "not_found" };
  return db
    .transaction(async (tx): Promise<{ ok: true; detail: string } | Refused> => {
      const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
      if (!user) return { ok: false, code: "not_found" };
      const [{ linked } = { linked: 0 }] = await tx
        .select({ linked: count() })
        .from(oauthAccounts)
        .where(eq(oauthAccounts.userId, userId));
      const removed = await tx
        .delete(oauthAccounts)
        .where(and(eq(oauthAccounts.userId, userId), eq(oauthAccounts.provider, provider)))
        .returning();
      if (removed.length === 0) return { ok: false, code: "not_found" };
      const otherWayIn = hasUsablePassword(user.passwordHash) || linked > 1;
      if (!otherWayIn) throw new LastWayIn();
      await recordAuditEvent(tx, "oauth_unlinked", ctx, userId, { provider });
      return { ok: true as const, detail: `${PROVIDER_NAMES[provider]} is disconnected from your account.` };
    })
    .catch((error: unknown): Refused => {
      if (error instanceof LastWayIn) return { ok: false, code: "oauth_last_sign_in_method" };
      throw error;
    });
}

/** Thrown inside the transaction so the delete rolls back. */
class LastWayIn extends Error {}

/** What the account page and GET /api/auth/connected-accounts show. */
export async function connectedAccounts(db: Database, user: UserRow) {
  return {
    accounts: await listOAuthAccounts(db, user.id),
    providers: enabledProviders(),
    has_password: hasUsablePassword(user.passwordHash),
  };
}

export async function listOAuthAccounts(db: Database, userId: string): Promise<OAuthAccountView[]> {
  const rows = await db
    .select()
    .from(oauthAccounts)
    .where(eq(oauthAccounts.userId, userId))
    .orderBy(asc(oauthAccounts.provider));
  return rows.map((r) => ({
    provider: r.provider,
    email: r.email,
    created_at: r.createdAt.toISOString(),
    last_used_at: r.lastUsedAt.toISOString(),
  }));
}

function identityIs(identity: ProviderIdentity) {
  return and(eq(oauthAccounts.provider, identity.provider), eq(oauthAccounts.providerUserId, identity.id));
}

async function linkedUser(db: Database, identity: ProviderIdentity): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(oauthAccounts)
    .innerJoin(users, eq(users.id, oauthAccounts.userId))
    .where(identityIs(identity));
  return row?.user;
}

/** Parallel callbacks for one identity (a double click) create one account, not two. */
async function lockIdentity(tx: Database, identity: ProviderIdentity): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`oauth:${identity.provider}:${identity.id}`}))`);
}

/**
 * A new account for an identity whose provider vouches for its address. No password: the
 * person can set one later through "Forgot password?", which mails that same address.
 */
async function createAccountFor(db: Database, identity: ProviderIdentity, ctx: ClientInfo): Promise<UserRow | Refused> {
  // An address the provider has not verified proves nothing: such an account could be
  // squatted on someone else's address and taken along when they later reset its password.
  if (!identity.email || !identity.emailVerified) return { ok: false, code: "oauth_email_unverified" };
  const email = identity.email;
  return db.transaction(async (tx): Promise<UserRow | Refused> => {
    await lockIdentity(tx, identity);
    const raced = await linkedUser(tx, identity);
    if (raced) return raced;
    if (await findUserByEmail(tx, email)) return { ok: false, code: "oauth_account_exists" };
    const username = await freeUsername(tx, identity.login);
    const [user] = await tx
      .insert(users)
      .values({
        username,
        email,
        passwordHash: unusablePasswordHash(),
        emailVerified: true,
        firstName: identity.firstName.slice(0, 150),
        lastName: identity.lastName.slice(0, 150),
      })
      .onConflictDoNothing()
      .returning();
    // A password sign-up for the same address committed in between.
    if (!user) return { ok: false, code: "oauth_account_exists" };
    await tx
      .insert(oauthAccounts)
      .values({ provider: identity.provider, providerUserId: identity.id, userId: user.id, email });
    await recordAuditEvent(tx, "register", ctx, user.id, { method: "oauth", provider: identity.provider });
    return user;
  });
}

const USERNAME_MAX = 30;

/**
 * The provider's handle made into a free username (allowed characters only, at least three,
 * then "-2", "-3"… and finally a random tail), locked for this transaction like a sign-up's.
 */
async function freeUsername(tx: Database, login: string): Promise<string> {
  let base = login
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}_.@+-]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  base = base.slice(0, USERNAME_MAX - 4);
  if (base.length < 3) base = `user-${base}`.replace(/-$/, "");
  const candidates = [base, ...[2, 3, 4, 5].map((n) => `${base}-${n}`)];
  candidates.push(`${base}-${Buffer.from(crypto.getRandomValues(new Uint8Array(3))).toString("hex")}`);
  for (const candidate of candidates) {
    await lockUsername(tx, candidate);
    if (!(await usernameTaken(tx, candidate))) return candidate;
  }
  throw new Error("No free username for a provider sign-up");
}
