import { EmailButton, EmailLayout } from "./layout";

/** A passkey was added to or removed from the account: the owner hears of it either way. */
export function PasskeyChangedEmail({
  change,
  name,
  accountUrl,
  resetUrl,
}: {
  change: "added" | "removed";
  name: string;
  accountUrl: string;
  resetUrl: string;
}) {
  return (
    <EmailLayout preview={`A passkey was ${change}`}>
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>A passkey was {change}</h1>
      <p>
        The passkey “{name}” was just {change === "added" ? "added to" : "removed from"} your ASTROWORLD account.{" "}
        {change === "added" ? "It can now sign in to your account on its own." : "It can no longer sign in."}
      </p>
      <p>
        If this was you, there is nothing more to do. If it was not, review your passkeys and sessions, and reset your
        password.
      </p>
      <EmailButton href={accountUrl}>Review your account</EmailButton>
      <p style={{ fontSize: 14 }}>
        Or reset your password: <a href={resetUrl}>{resetUrl}</a>
      </p>
    </EmailLayout>
  );
}
