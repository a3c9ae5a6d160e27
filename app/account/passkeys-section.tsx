import { getDb } from "@/db";
import { listPasskeys } from "@/lib/auth/passkey";
import { PasskeyManager } from "./passkey-manager";

/** Passkeys (issue 15): the account's passkeys with their last use, and the way to add one. */
export async function PasskeysSection({ userId }: { userId: string }) {
  const passkeys = await listPasskeys(await getDb(), userId);
  return (
    <section className="card" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      <p className="muted">
        Sign in with your fingerprint, face or screen lock instead of your password. A passkey counts as two factors on
        its own.
      </p>
      <PasskeyManager passkeys={passkeys} />
    </section>
  );
}
