import { EmailButton, EmailLayout } from "./layout";

export function ResetPasswordEmail({ url, minutes }: { url: string; minutes: number }) {
  return (
    <EmailLayout preview="Reset your password">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Reset your password</h1>
      <p>We received a request to reset the password of your ASTROWORLD account.</p>
      <EmailButton href={url}>Choose a new password</EmailButton>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        Or open this link: <a href={url}>{url}</a>
      </p>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        The link works once and expires in {minutes} minutes. If you did not ask for this, ignore this mail: your
        password stays as it is.
      </p>
    </EmailLayout>
  );
}
