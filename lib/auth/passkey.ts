import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
} from "@simplewebauthn/server";
import { and, count, desc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { passkeys, users } from "@/db/schema";
import { env, relyingParty } from "@/lib/env";
import { sendPasskeyChangedMail } from "@/lib/mail/messages";
import { MAX_PASSKEYS_PER_ACCOUNT, type PasskeyRegisterInput, type PasskeyView } from "@/lib/schemas/passkeys";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import { challengeOf, rememberChallenge, spendChallenge, type ChallengeFailure } from "./passkey-challenge";
import { isUuid, type UserRow } from "./user";

export type PasskeyRow = typeof passkeys.$inferSelect;

/** EdDSA, ES256, RS256: what platform authenticators and security keys sign with. */
export const PASSKEY_ALGORITHMS = [-8, -7, -257];

type Mail = () => Promise<void>;
export type PasskeyRegistration =
  | { ok: true; passkey: PasskeyView; mail: Mail }
  | ChallengeFailure
  | { ok: false; code: "passkey_not_verified" | "passkey_exists" | "passkey_limit" };

export function toPasskeyView(row: PasskeyRow): PasskeyView {
  return {
    id: row.id,
    name: row.name,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    backed_up: row.backedUp,
    transports: row.transports,
  };
}

/** The user handle an authenticator keeps with the passkey: the account id's 16 bytes, nothing personal. */
const userHandle = (userId: string) => Uint8Array.from(Buffer.from(userId.replaceAll("-", ""), "hex"));

/** The user handle as WebAuthn answers carry it (base64url). */
export const userHandleOf = (userId: string) => Buffer.from(userHandle(userId)).toString("base64url");

/**
 * Options for `navigator.credentials.create()`: a discoverable credential (so it can sign in
 * with no username typed) with user verification, none of the account's passkeys again, and a
 * challenge kept for this account only.
 */
export async function registrationOptions(
  db: Database,
  user: UserRow,
): Promise<{ ok: true; options: PublicKeyCredentialCreationOptionsJSON } | { ok: false; code: "passkey_limit" }> {
  const rp = relyingParty();
  const existing = await listPasskeyRows(db, user.id);
  if (existing.length >= MAX_PASSKEYS_PER_ACCOUNT) return { ok: false, code: "passkey_limit" };
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: [user.firstName, user.lastName].filter(Boolean).join(" ") || user.username,
    userID: userHandle(user.id),
    timeout: env().PASSKEY_CHALLENGE_TTL_SECONDS * 1000,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
  });
  await rememberChallenge(db, options.challenge, "register", user.id);
  return { ok: true, options };
}

/**
 * Checks the authenticator's answer against a challenge issued to this account (spent either
 * way), the configured origins and RP id, with user presence and verification required, then
 * stores the credential, unless the account already holds its most: the account row is locked
 * first, so parallel registrations count one after another. The owner is mailed (after the
 * response).
 */
export async function registerPasskey(
  db: Database,
  user: UserRow,
  input: PasskeyRegisterInput,
  ctx: ClientInfo,
): Promise<PasskeyRegistration> {
  const challenge = challengeOf(input.credential.response.clientDataJSON);
  if (!challenge) return { ok: false, code: "passkey_challenge_invalid" };
  const spent = await spendChallenge(db, challenge, "register");
  if (!spent.ok) return spent;
  if (spent.userId !== user.id) return { ok: false, code: "passkey_challenge_invalid" };
  const verified = await verifiedRegistration(input.credential as unknown as RegistrationResponseJSON, challenge);
  if (!verified) return { ok: false, code: "passkey_not_verified" };
  const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verified;
  const row = await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("no key update");
    const [held] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, user.id));
    if (held!.n >= MAX_PASSKEYS_PER_ACCOUNT) return "full" as const;
    const [inserted] = await tx
      .insert(passkeys)
      .values({
        userId: user.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        aaguid,
        name: input.name,
      })
      .onConflictDoNothing({ target: passkeys.credentialId })
      .returning();
    if (inserted) await recordAuditEvent(tx, "passkey_added", ctx, user.id, { passkey: inserted.id, name: input.name });
    return inserted;
  });
  if (row === "full") return { ok: false, code: "passkey_limit" };
  if (!row) return { ok: false, code: "passkey_exists" };
  return { ok: true, passkey: toPasskeyView(row), mail: () => sendPasskeyChangedMail(user.email, "added", row.name) };
}

async function verifiedRegistration(response: RegistrationResponseJSON, challenge: string) {
  const rp = relyingParty();
  let result: VerifiedRegistrationResponse;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserPresence: true,
      requireUserVerification: true,
      supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
    });
  } catch {
    // Wrong origin, RP id, type or challenge, a missing flag, a malformed answer: all "not verified".
    return null;
  }
  return result.verified ? result.registrationInfo : null;
}

export function listPasskeyRows(db: Database, userId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(desc(passkeys.createdAt));
}

export async function listPasskeys(db: Database, userId: string): Promise<PasskeyView[]> {
  return (await listPasskeyRows(db, userId)).map(toPasskeyView);
}

export async function renamePasskey(
  db: Database,
  userId: string,
  id: string,
  name: string,
): Promise<{ ok: true; passkey: PasskeyView } | { ok: false; code: "not_found" }> {
  if (!isUuid(id)) return { ok: false, code: "not_found" };
  const [row] = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row ? { ok: true, passkey: toPasskeyView(row) } : { ok: false, code: "not_found" };
}

/** Another account's passkey answers like a missing one. The owner is mailed (after the response). */
export async function removePasskey(
  db: Database,
  user: UserRow,
  id: string,
  ctx: ClientInfo,
): Promise<{ ok: true; mail: Mail } | { ok: false; code: "not_found" }> {
  if (!isUuid(id)) return { ok: false, code: "not_found" };
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.userId, user.id)))
      .returning();
    if (row) await recordAuditEvent(tx, "passkey_removed", ctx, user.id, { passkey: row.id, name: row.name });
    return row;
  });
  if (!removed) return { ok: false, code: "not_found" };
  return { ok: true, mail: () => sendPasskeyChangedMail(user.email, "removed", removed.name) };
}
