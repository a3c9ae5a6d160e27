import { jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/env";
import { keys, SIGNING_ALG } from "./keys";

const DEVICE_TYP = "device+jwt";
export const KNOWN_DEVICE_SECONDS = 180 * 24 * 3600;

/**
 * A browser that once signed in to an account keeps a signed "known device" token, and may
 * still try that account while it is throttled (OWASP's device-cookie defence): an attacker
 * can slow down guessing, but cannot lock the owner out of their own browser.
 */
export async function issueKnownDeviceToken(userId: string): Promise<string> {
  const { kid, privateKey } = await keys();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: SIGNING_ALG, typ: DEVICE_TYP, kid })
    .setIssuer(new URL(env().AUTH_URL).origin)
    .setSubject(userId)
    .setIssuedAt(now)
    .setExpirationTime(now + KNOWN_DEVICE_SECONDS)
    .sign(privateKey);
}

export async function isKnownDevice(token: string | null, userId: string): Promise<boolean> {
  if (!token || token.length > 2048) return false;
  try {
    const { payload } = await jwtVerify(token, (await keys()).resolve, {
      algorithms: [SIGNING_ALG],
      issuer: new URL(env().AUTH_URL).origin,
      typ: DEVICE_TYP,
      subject: userId,
    });
    return payload.sub === userId;
  } catch {
    return false;
  }
}
