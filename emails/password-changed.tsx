import { EmailButton, EmailLayout } from "./layout";

export function PasswordChangedEmail({ resetUrl, how }: { resetUrl: string; how: "changed" | "reset" }) {
  return (
    <EmailLayout preview="Your password was changed">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Your password was {how}</h1>
      <p>
        The password of your ASTROWORLD account was just {how}.{" "}
        {how === "reset" ? "Every device was signed out." : "Your other devices were signed out."}
      </p>
      <p>If this was you, there is nothing more to do. If it was not, reset your password now.</p>
      <EmailButton href={resetUrl}>Reset password</EmailButton>
    </EmailLayout>
  );
}
