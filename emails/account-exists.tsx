import { EmailButton, EmailLayout } from "./layout";

export function AccountExistsEmail({ loginUrl, resetUrl }: { loginUrl: string; resetUrl: string }) {
  return (
    <EmailLayout preview="Someone tried to sign up with your email">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>You already have an account</h1>
      <p>
        Someone, maybe you, tried to create a new ASTROWORLD account with this email address. Your existing account is
        unchanged.
      </p>
      <EmailButton href={loginUrl}>Log in</EmailButton>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        If this was not you, you can ignore this mail. Forgot your password? Reset it here:{" "}
        <a href={resetUrl}>{resetUrl}</a>
      </p>
    </EmailLayout>
  );
}
