import type { AuditEvent } from "@/lib/auth/audit";

/** What the account page's activity list calls each event: every event has a label (the type says so). */
export const EVENT_LABELS: Record<AuditEvent, string> = {
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
  lockout: "Sign-in paused after repeated failures",
  unlock: "Sign-in pause lifted",
  account_deleted: "Account deleted",
  email_sign_in_requested: "Sign-in link emailed",
  email_sign_in_failed: "Wrong emailed sign-in code",
  reauth_code_requested: "Confirmation code emailed",
  new_device_alert: "Sign-in from a new device: you were emailed",
  account_secured: "Account secured: signed out everywhere",
};

export function eventLabel(event: string): string {
  return (EVENT_LABELS as Record<string, string>)[event] ?? event;
}
