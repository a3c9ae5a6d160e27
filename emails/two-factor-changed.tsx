import { EmailButton, EmailLayout } from "./layout";

export type TwoFactorChange = "enabled" | "disabled" | "recovery_codes" | "recovery_code_used";

const COPY: Record<TwoFactorChange, { title: string; body: string }> = {
  enabled: {
    title: "Two-factor authentication is on",
    body: "Signing in to your ASTROWORLD account now also asks for a code from your authenticator app.",
  },
  disabled: {
    title: "Two-factor authentication was turned off",
    body: "Signing in to your ASTROWORLD account no longer asks for a code from your authenticator app.",
  },
  recovery_codes: {
    title: "New recovery codes",
    body: "A new set of recovery codes was made for your ASTROWORLD account. The old codes no longer work.",
  },
  recovery_code_used: {
    title: "A recovery code was used",
    body: "Someone signed in to your ASTROWORLD account with one of your recovery codes.",
  },
};

export function TwoFactorChangedEmail({
  change,
  codesLeft,
  accountUrl,
  resetUrl,
}: {
  change: TwoFactorChange;
  codesLeft?: number;
  accountUrl: string;
  resetUrl: string;
}) {
  const { title, body } = COPY[change];
  return (
    <EmailLayout preview={title}>
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>{title}</h1>
      <p>{body}</p>
      {codesLeft !== undefined ? (
        <p>
          {codesLeft === 0
            ? "You have no recovery codes left: make a new set from your account page."
            : `You have ${codesLeft} recovery ${codesLeft === 1 ? "code" : "codes"} left.`}
        </p>
      ) : null}
      <p>
        If this was you, there is nothing more to do. If it was not, reset your password now and check your account
        page.
      </p>
      <EmailButton href={resetUrl}>Reset password</EmailButton>
      <p style={{ marginTop: 16 }}>
        <a href={accountUrl}>Open your account page</a>
      </p>
    </EmailLayout>
  );
}
