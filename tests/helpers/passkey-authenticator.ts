// A software authenticator for the API tests: real WebAuthn answers (ES256 over node:crypto,
// CBOR from @simplewebauthn/server's own encoder), so registration and sign-in are verified
// exactly as a browser's would be, and each field can be forged to play an attack.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

export const ORIGIN = "http://localhost:3000";
export const RP_ID = "localhost";

export interface SoftAuthenticator {
  credentialId: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  counter: number;
  /** The user handle the RP gave at registration, returned with every assertion (a discoverable credential). */
  userHandle: string | null;
}

export interface Forgery {
  origin?: string;
  rpId?: string;
  /** false: the authenticator did not verify the user (no PIN or biometric). */
  userVerified?: boolean;
  type?: string;
  challenge?: string;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export function newAuthenticator(): SoftAuthenticator {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { credentialId: randomBytes(32), privateKey, publicKey, counter: 0, userHandle: null };
}

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString("base64url");

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: "jwk" });
  const key = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, "base64url")],
    [-3, Buffer.from(jwk.y!, "base64url")],
  ]);
  return isoCBOR.encode(key);
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function flags(forgery: Forgery, extra = 0): number {
  return FLAG_UP | (forgery.userVerified === false ? 0 : FLAG_UV) | FLAG_BE | FLAG_BS | extra;
}

/** The answer of `navigator.credentials.create()` to registration options, as @simplewebauthn/browser sends it. */
export function createCredential(
  authenticator: SoftAuthenticator,
  options: { challenge: string; user: { id: string } },
  forgery: Forgery = {},
) {
  authenticator.userHandle = options.user.id;
  const cose = coseKey(authenticator.publicKey);
  const id = authenticator.credentialId;
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const authData = Buffer.concat([
    sha256(forgery.rpId ?? RP_ID),
    Buffer.from([flags(forgery, FLAG_AT)]),
    counterBytes(authenticator.counter),
    Buffer.alloc(16), // AAGUID: none
    idLength,
    id,
    Buffer.from(cose),
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", authData],
    ]) as never,
  );
  const data = clientData(
    forgery.type ?? "webauthn.create",
    forgery.challenge ?? options.challenge,
    forgery.origin ?? ORIGIN,
  );
  return {
    id: b64url(id),
    rawId: b64url(id),
    type: "public-key" as const,
    response: {
      clientDataJSON: b64url(data),
      attestationObject: b64url(attestationObject),
      transports: ["internal", "hybrid"],
    },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
}

/** The answer of `navigator.credentials.get()` to sign-in options: signed, counter moved on. */
export function getAssertion(authenticator: SoftAuthenticator, options: { challenge: string }, forgery: Forgery = {}) {
  authenticator.counter += 1;
  const authData = Buffer.concat([
    sha256(forgery.rpId ?? RP_ID),
    Buffer.from([flags(forgery)]),
    counterBytes(authenticator.counter),
  ]);
  const data = clientData(
    forgery.type ?? "webauthn.get",
    forgery.challenge ?? options.challenge,
    forgery.origin ?? ORIGIN,
  );
  const signature = sign("sha256", Buffer.concat([authData, sha256(data)]), authenticator.privateKey);
  return {
    id: b64url(authenticator.credentialId),
    rawId: b64url(authenticator.credentialId),
    type: "public-key" as const,
    response: {
      clientDataJSON: b64url(data),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      ...(authenticator.userHandle ? { userHandle: authenticator.userHandle } : {}),
    },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
}
