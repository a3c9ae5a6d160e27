import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { eq, getTableColumns } from "drizzle-orm";
import type { Database } from "@/db";
import { passkeys, users } from "@/db/schema";
import { env, relyingParty } from "@/lib/env";
import type { PasskeyLoginInput } from "@/lib/schemas/passkeys";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import type { DeviceOptions } from "./known-device";
import { lockoutFollowUp, passThrottle, type Pass } from "./login-gate";
import { claimAttempt, recordFailure, successReset, throttleKey } from "./login-throttle";
import { userHandleOf, type PasskeyRow } from "./passkey";
import { challengeOf, rememberChallenge, spendChallenge, type ChallengeFailure } from "./passkey-challenge";
import { signIn, type SignedIn } from "./sign-in";
import type { UserRow } from "./user";

type FollowUp = () => Promise<void>;
export type PasskeyLoginResult =
  | SignedIn
  | ChallengeFailure
  | { ok: false; code: "passkey_invalid" | "account_disabled"; followUp?: FollowUp }
  | { ok: false; code: "login_throttled"; retryAfter: number; followUp?: FollowUp };

/**
 * Options for `navigator.credentials.get()` naming no account: the authenticator offers the
 * discoverable passkeys it holds for this RP (a button, or the browser's autofill), so nothing
 * here tells whether an account exists or has passkeys.
 */
export async function loginOptions(db: Database): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    userVerification: "required",
    timeout: env().PASSKEY_CHALLENGE_TTL_SECONDS * 1000,
  });
  await rememberChallenge(db, options.challenge, "login", null);
  return options;
}

/**
 * Signs in with a passkey: the challenge is spent first (whatever follows), then the account
 * the credential belongs to goes through the same throttle as a password check, the signature,
 * origin, RP id, user presence and verification and the counter are checked, and `signIn`
 * starts the session with the new counter and last use stored in the same statement. A passkey
 * is something you have, unlocked by something you are or know: it counts as two factors.
 */
export async function logInWithPasskey(
  db: Database,
  input: PasskeyLoginInput,
  ctx: ClientInfo,
  options: DeviceOptions = {},
): Promise<PasskeyLoginResult> {
  const challenge = challengeOf(input.credential.response.clientDataJSON);
  if (!challenge) return { ok: false, code: "passkey_challenge_invalid" };
  const spent = await spendChallenge(db, challenge, "login");
  if (!spent.ok) return spent;

  const found = await passkeyWithOwner(db, input.credential.id);
  if (!found) {
    // A passkey deleted here (or never registered) that the device still offers.
    await recordAuditEvent(db, "login_failure", ctx, null, { method: "passkey" });
    return { ok: false, code: "passkey_invalid" };
  }
  const { passkey, user } = found;
  // A discoverable credential names its account too; it must be the one the credential is stored under.
  const handle = input.credential.response.userHandle;
  if (handle !== undefined && handle !== userHandleOf(user.id)) {
    await recordAuditEvent(db, "login_failure", ctx, null, { method: "passkey" });
    return { ok: false, code: "passkey_invalid" };
  }
  const key = throttleKey(user.id, "");
  const pass = await passThrottle(db, { key, claim: await claimAttempt(db, key) }, user, options.deviceToken);
  if (!pass.ok) {
    const followUp = pass.started ? await lockoutFollowUp(db, user, ctx) : undefined;
    return { ok: false, code: "login_throttled", retryAfter: pass.retryAfter, followUp };
  }

  const verified = await verifiedAssertion(
    input.credential as unknown as AuthenticationResponseJSON,
    challenge,
    passkey,
  );
  if (!verified) return { ok: false, code: "passkey_invalid", followUp: await countFailure(db, user, pass, ctx) };
  if (!user.isActive) return { ok: false, code: "account_disabled" };

  const used = db
    .update(passkeys)
    .set({
      counter: verified.newCounter,
      backedUp: verified.credentialBackedUp,
      deviceType: verified.credentialDeviceType,
      lastUsedAt: new Date(),
    })
    .where(eq(passkeys.id, passkey.id));
  return signIn(db, user.id, ctx, {
    ...options,
    method: "passkey",
    writes: [successReset(db, pass.key), used],
    metadata: { passkey: passkey.id },
  });
}

async function passkeyWithOwner(db: Database, credentialId: string) {
  const [row] = await db
    .select({ passkey: getTableColumns(passkeys), user: getTableColumns(users) })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.credentialId, credentialId))
    .limit(1);
  return row as { passkey: PasskeyRow; user: UserRow } | undefined;
}

async function verifiedAssertion(response: AuthenticationResponseJSON, challenge: string, passkey: PasskeyRow) {
  const rp = relyingParty();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: Uint8Array.from(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
    return result.verified ? result.authenticationInfo : null;
  } catch {
    // A bad signature, origin, RP id or type, no user verification, a counter that went back.
    return null;
  }
}

/** A failed check counts toward the account like a wrong password, and may start its throttle. */
async function countFailure(db: Database, user: UserRow, pass: Pass, ctx: ClientInfo): Promise<FollowUp | undefined> {
  const started = await db.transaction(async (tx) => {
    await recordAuditEvent(tx, "login_failure", ctx, user.id, { method: "passkey" });
    return recordFailure(tx, pass.key, pass);
  });
  return started && !pass.device ? lockoutFollowUp(db, user, ctx) : undefined;
}
