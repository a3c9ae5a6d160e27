import Link from "next/link";
import { ProviderLogo } from "@/components/social-sign-in";
import { getDb } from "@/db";
import { connectedAccounts } from "@/lib/auth/oauth-account";
import { PROVIDER_NAMES } from "@/lib/auth/oauth-providers";
import { findUserById } from "@/lib/auth/user";
import { OAUTH_FLASH_SECTION } from "@/lib/http/oauth-flow";
import { pageFlash } from "@/lib/http/page-flash";

const when = (iso: string) => new Date(iso).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * GitHub and Google as ways to sign in: connect one (through the provider, back here), or
 * disconnect it with a plain form post, which works before and without JavaScript. The server
 * refuses to disconnect the last way in; its message comes back in the flash.
 */
export async function ConnectedAccounts({ userId }: { userId: string }) {
  const db = await getDb();
  const user = await findUserById(db, userId);
  if (!user) return null;
  const { accounts, providers, has_password: hasPassword } = await connectedAccounts(db, user);
  const shown = [...new Set([...providers, ...accounts.map((a) => a.provider)])];
  if (shown.length === 0) return null;
  const flash = await pageFlash("/account");
  const message = flash?.values?.section === OAUTH_FLASH_SECTION ? flash : null;
  return (
    <section className="card" aria-labelledby="connected-title">
      <h2 id="connected-title">Connected accounts</h2>
      <p className="muted">
        Sign in with GitHub or Google instead of your password.
        {hasPassword ? null : (
          <>
            {" "}
            Your account has no password yet: to set one, use <Link href="/forgot-password">Forgot password?</Link>
          </>
        )}
      </p>
      {message ? (
        <p
          className={`alert ${message.ok ? "success" : "error"}`}
          role={message.ok ? "status" : "alert"}
          data-testid="connected-accounts-message"
        >
          {message.detail}
        </p>
      ) : null}
      <ul className="list connected-list" aria-label="Connected accounts">
        {shown.map((provider) => {
          const account = accounts.find((a) => a.provider === provider);
          const name = PROVIDER_NAMES[provider];
          return (
            <li key={provider} data-testid={`connected-${provider}`}>
              <div>
                <strong>
                  <ProviderLogo provider={provider} />
                  {name}
                </strong>
                <div className="meta">
                  {account
                    ? `${account.email ? `${account.email} · ` : ""}connected ${when(account.created_at)} · last used ${when(account.last_used_at)}`
                    : "Not connected"}
                </div>
              </div>
              {account ? (
                <form method="post" action={`/api/auth/connected-accounts/${provider}`}>
                  <input type="hidden" name="section" value={OAUTH_FLASH_SECTION} />
                  <button type="submit" className="button secondary small" aria-label={`Disconnect ${name}`}>
                    Disconnect
                  </button>
                </form>
              ) : providers.includes(provider) ? (
                <a
                  className="button secondary small"
                  href={`/api/auth/oauth/${provider}?intent=link`}
                  aria-label={`Connect ${name}`}
                >
                  Connect
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
