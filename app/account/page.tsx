import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Avatar } from "@/components/avatar";
import { currentAccount, loginAgainPath } from "@/lib/auth/current-user";
import { pageFlash } from "@/lib/http/page-flash";
import { DataSection, EmailSection } from "./account-lifecycle";
import { ConnectedAccounts } from "./connected-accounts";
import { PasskeysSection } from "./passkeys-section";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { SessionsList } from "./sessions-list";
import { TwoFactorSection } from "./two-factor-section";

export const metadata: Metadata = { title: "Your account" };

const EVENT_LABELS: Record<string, string> = {
  register: "Account created",
  register_existing_email: "Someone tried to sign up with your email",
  email_verified: "Email verified",
  login_success: "Signed in",
  login_failure: "Failed sign-in attempt",
  logout: "Signed out",
  logout_all: "Signed out everywhere",
  session_revoked: "A device was signed out",
  refresh_reuse: "Suspicious token reuse: session ended",
  password_change: "Password changed",
  password_reset: "Password reset",
  profile_update: "Profile updated",
  mfa_challenge: "Password right, two-factor code asked",
  mfa_failure: "Wrong two-factor code",
  two_factor_enabled: "Two-factor authentication turned on",
  two_factor_disabled: "Two-factor authentication turned off",
  recovery_codes_regenerated: "New recovery codes made",
  passkey_added: "Passkey added",
  passkey_removed: "Passkey removed",
  oauth_linked: "Sign-in provider connected",
  oauth_unlinked: "Sign-in provider disconnected",
  email_change_requested: "Email change requested",
  email_changed: "Email address changed",
  email_change_reverted: "Email change undone: signed out everywhere",
};

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ confirm?: string | string[] }>;
}) {
  const account = await currentAccount();
  if (!account) redirect(await loginAgainPath("/account"));
  const { user, sessions, activity } = account;
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

      <EmailSection email={user.email} />

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
              <span>{EVENT_LABELS[e.event] ?? e.event}</span>
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

      <DataSection confirm={(await searchParams).confirm === "delete-account"} />
    </div>
  );
}
