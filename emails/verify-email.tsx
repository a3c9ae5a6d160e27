import { EmailButton, EmailLayout } from "./layout";

export function VerifyEmail({ url, hours }: { url: string; hours: number }) {
  return (
    <EmailLayout preview="Verify your email address">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Confirm your email address</h1>
      <p>Welcome aboard. Confirm this address to finish creating your account.</p>
      <EmailButton href={url}>Verify email</EmailButton>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        Or open this link: <a href={url}>{url}</a>
      </p>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        The link works once and expires in {hours} hours. If you did not sign up, ignore this mail.
      </p>
    </EmailLayout>
  );
}
