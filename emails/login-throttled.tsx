import { EmailButton, EmailLayout } from "./layout";

interface Props {
  resetUrl: string;
  unlockUrl: string;
  minutes: number;
  hours: number;
}

export function LoginThrottledEmail({ resetUrl, unlockUrl, minutes, hours }: Props) {
  return (
    <EmailLayout preview="Sign-ins to your account were paused">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Too many failed sign-ins</h1>
      <p>
        Someone entered a wrong password for your ASTROWORLD account many times in a row, so new sign-ins are paused for{" "}
        {minutes} minutes. Browsers you have signed in with before can still sign in.
      </p>
      <p>
        Need to sign in now from another browser or an app? This link lifts the pause (it works once, for {hours}{" "}
        {hours === 1 ? "hour" : "hours"}):
      </p>
      <EmailButton href={unlockUrl}>Unlock sign-in</EmailButton>
      <p>If this was not you, choose a new password now; a reset also lifts the pause.</p>
      <EmailButton href={resetUrl}>Reset password</EmailButton>
    </EmailLayout>
  );
}
