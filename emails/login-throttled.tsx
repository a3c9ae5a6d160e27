import { EmailButton, EmailLayout } from "./layout";

export function LoginThrottledEmail({ resetUrl, minutes }: { resetUrl: string; minutes: number }) {
  return (
    <EmailLayout preview="Sign-ins to your account were paused">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Too many failed sign-ins</h1>
      <p>
        Someone entered a wrong password for your ASTROWORLD account many times in a row, so new sign-ins are paused for {minutes}{" "}
        minutes. Browsers you have signed in with before can still sign in.
      </p>
      <p>If this was not you, choose a new password now; a reset also lifts the pause.</p>
      <EmailButton href={resetUrl}>Reset password</EmailButton>
    </EmailLayout>
  );
}
