import { EmailLayout } from "./layout";

interface Props {
  code: string;
  minutes: number;
}

export function ReauthCodeEmail({ code, minutes }: Props) {
  return (
    <EmailLayout preview="Your confirmation code">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Confirm it&apos;s you</h1>
      <p>
        Someone signed in to your ASTROWORLD account asked for a code to confirm a change: a new email address, or
        deleting the account. Enter it on your account page:
      </p>
      <p style={{ fontSize: 28, fontWeight: 700, letterSpacing: 6, margin: "8px 0 20px", fontFamily: "monospace" }}>
        Confirmation code: {code}
      </p>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        It works once, for {minutes} minutes; asking again replaces it. If you did not ask for it, someone may be signed
        in as you: sign out every device from your account page and set a password with “Forgot password?”.
      </p>
    </EmailLayout>
  );
}
