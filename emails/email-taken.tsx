import { EmailButton, EmailLayout } from "./layout";

export function EmailTakenEmail({ accountUrl }: { accountUrl: string }) {
  return (
    <EmailLayout preview="Someone tried to move to your email address">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Your address is already in use</h1>
      <p>
        Someone asked to change the email address of another ASTROWORLD account to this one. This address already
        belongs to your account, so nothing was changed and your account is untouched.
      </p>
      <EmailButton href={accountUrl}>Review your account</EmailButton>
      <p style={{ fontSize: 13, color: "#5a6282" }}>If this was you, use a different address for the other account.</p>
    </EmailLayout>
  );
}
