import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Avatar } from "@/components/avatar";
import { currentAccount, loginAgainPath } from "@/lib/auth/current-user";
import { enabledProviders } from "@/lib/auth/oauth-providers";
import { pageFlash } from "@/lib/http/page-flash";
import { DataSection, EmailSection } from "./account-lifecycle";
import { ConnectedAccounts } from "./connected-accounts";
import { PasskeysSection } from "./passkeys-section";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { SessionsList } from "./sessions-list";
import { TwoFactorSection } from "./two-factor-section";
import { eventLabel } from "./event-labels";

export const metadata: Metadata = { title: "Your account" };

/** The page's sections, for the links at its top (it is long): each href is a section's heading. */
function sectionLinks(): { href: string; label: string }[] {
  return [
    { href: "#profile-title", label: "Profile" },
    { href: "#password-title", label: "Password" },
    { href: "#email-title", label: "Email" },
    { href: "#two-factor-title", label: "Two-factor" },
    { href: "#passkeys-title", label: "Passkeys" },
    // Shown only where a provider is set up (connected-accounts.tsx renders nothing otherwise).
    ...(enabledProviders().length > 0 ? [{ href: "#connected-title", label: "Connected accounts" }] : []),
    { href: "#sessions-title", label: "Sessions" },
    { href: "#activity-title", label: "Activity" },
    { href: "#data-title", label: "Your data" },
  ];
}

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ confirm?: string | string[] }>;
}) {
  const account = await currentAccount();
  if (!account) redirect(await loginAgainPath("/account"));
  const { user, hasPassword, sessions, activity } = account;
  // What a form posted without JavaScript left, for the one form that posted it.
  const flash = await pageFlash("/account");
  const flashOf = (form: string) => (flash?.form === form ? flash : null);
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username;
  return (
    <div className="account">
      <section className="card" aria-labelledby="account-title">
        <div className="account-head">
          <Avatar src={user.profile_picture} name={name} />
          <div className="grow">
            <h1 id="account-title" style={{ margin: 0 }}>
              Hello, {name}
            </h1>
            <p className="muted" style={{ margin: "0.25rem 0 0" }}>
              <span data-testid="account-username">{user.username}</span> ·{" "}
              <span className="address">{user.email}</span>
              {user.email_verified ? <span className="badge">Verified</span> : null}
            </p>
          </div>
        </div>
        <nav className="section-links" aria-label="Sections of this page">
          <ul>
            {sectionLinks().map((link) => (
              <li key={link.href}>
                <a href={link.href}>{link.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </section>

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <p className="muted">How you appear in ASTROWORLD. Your email address is changed in its own section below.</p>
        <ProfileForm user={user} flash={flashOf("profile")} />
      </section>

      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <p className="muted">Changing it signs out every other device.</p>
        <PasswordForm flash={flashOf("password")} />
      </section>

      <EmailSection email={user.email} hasPassword={hasPassword} />

      <TwoFactorSection userId={user.id} />

      <PasskeysSection userId={user.id} />

      <ConnectedAccounts userId={user.id} />

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Active sessions</h2>
        <p className="muted">Devices signed in to your account. Sign out any you do not recognise.</p>
        <SessionsList
          sessions={sessions}
          flash={flashOf("sessions")}
          confirm={(await searchParams).confirm === "sign-out-everywhere"}
        />
      </section>

      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title">Recent security activity</h2>
        <ul className="list" aria-label="Recent security activity">
          {activity.map((e) => (
            <li key={e.id}>
              <span>{eventLabel(e.event)}</span>
              <span className="meta">
                {e.ip ? `${e.ip} · ` : ""}
                {new Date(e.created_at).toLocaleString("en", {
                  dateStyle: "medium",
                  timeStyle: "short",
                  timeZone: "UTC",
                })}{" "}
                UTC
              </span>
            </li>
          ))}
        </ul>
      </section>

      <DataSection confirm={(await searchParams).confirm === "delete-account"} hasPassword={hasPassword} />
    </div>
  );
}
