import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolatedModules cannot import).
const ARGON2ID = 2;
import { env } from "@/lib/env";

function options() {
  const e = env();
  return {
    algorithm: ARGON2ID,
    memoryCost: e.ARGON2_MEMORY_KIB,
    timeCost: e.ARGON2_TIME_COST,
    parallelism: e.ARGON2_PARALLELISM,
  };
}

/** Unicode passwords are NFKC-normalised so the same typed password always hashes the same. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), options());
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // An account without a password (made by a provider sign-in) costs a dummy check: the time tells nothing.
  if (!hasUsablePassword(passwordHash)) return verifyDummyPassword(password);
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash with the current parameters, so a login for an unknown
 * account costs the same time as a wrong password and does not reveal that it does not exist.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword("astroworld-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when the stored hash was made with other parameters than the configured ones. */
export function passwordNeedsRehash(passwordHash: string): boolean {
  const o = options();
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  return Number(match[1]) !== o.memoryCost || Number(match[2]) !== o.timeCost || Number(match[3]) !== o.parallelism;
}

// Django's convention: a stored hash starting with "!" matches no password. The random tail
// keeps the column's values distinct and says nothing.
const UNUSABLE_PREFIX = "!";

/** The stored hash of an account that has no password yet (it signs in with a provider). */
export function unusablePasswordHash(): string {
  return `${UNUSABLE_PREFIX}${Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url")}`;
}

/** False for an account that has never set a password: password sign-in and change do not apply. */
export function hasUsablePassword(passwordHash: string): boolean {
  return !passwordHash.startsWith(UNUSABLE_PREFIX);
}
