import { getDb } from "@/db";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { TwoFactorManager } from "./two-factor-manager";

/** Two-factor authentication (issue 15): whether TOTP is on, its last use, recovery codes left. */
export async function TwoFactorSection({ userId }: { userId: string }) {
  const status = await twoFactorStatus(await getDb(), userId);
  return (
    <section className="card" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor authentication</h2>
      <p className="muted">
        After your password (or an emailed link, or a provider), ask for a code from an authenticator app on your phone.
      </p>
      <TwoFactorManager status={status} />
    </section>
  );
}
