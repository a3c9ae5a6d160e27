import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets the server must read back (TOTP keys) are stored encrypted with AES-256-GCM under
 * AUTH_ENCRYPTION_KEY, never derived from another key. The row's owner is the additional data,
 * so a ciphertext copied to another account's row does not decrypt. Stored as
 * `v1.<key id>.<iv>.<ciphertext+tag>` (base64url): the key id names the key a rotation needs.
 */
export function encryptionConfigured(): boolean {
  return env().AUTH_ENCRYPTION_KEY !== undefined;
}

function key(): Buffer {
  const configured = env().AUTH_ENCRYPTION_KEY;
  if (!configured) throw new Error("AUTH_ENCRYPTION_KEY is not set: TOTP secrets cannot be stored or read");
  return Buffer.from(configured, "base64url");
}

const keyId = (k: Buffer) => createHash("sha256").update(k).digest("base64url").slice(0, 8);

export function seal(plaintext: Uint8Array, owner: string): string {
  const k = key();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  cipher.setAAD(Buffer.from(owner));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return ["v1", keyId(k), iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/** The plaintext, or null when the box is not ours (another key, another owner, tampered). */
export function open(box: string, owner: string): Uint8Array | null {
  const [version, id, iv, data] = box.split(".");
  const k = key();
  if (version !== "v1" || id !== keyId(k) || !iv || !data) return null;
  const sealed = Buffer.from(data, "base64url");
  if (sealed.length < 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", k, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]));
  } catch {
    return null;
  }
}
