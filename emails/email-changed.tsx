import { EmailButton, EmailLayout } from "./layout";

export function EmailChangedEmail({
  newEmail,
  revertUrl,
  days,
}: {
  newEmail: string;
  revertUrl: string;
  days: number;
}) {
  return (
    <EmailLayout preview="Your ASTROWORLD email address was changed">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Your email address was changed</h1>
      <p>
        Your ASTROWORLD account now uses <strong>{newEmail}</strong>. Mail about your account, password resets included,
        goes there from now on.
      </p>
      <p>
        If this was you, there is nothing more to do. If it was not, put your address back: this also signs out every
        device.
      </p>
      <EmailButton href={revertUrl}>This wasn&apos;t me</EmailButton>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        Or open this link: <a href={revertUrl}>{revertUrl}</a>
      </p>
      <p style={{ fontSize: 13, color: "#5a6282" }}>The link works once and expires in {days} days.</p>
    </EmailLayout>
  );
}
