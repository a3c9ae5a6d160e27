import { EmailButton, EmailLayout } from "./layout";

interface Props {
  url: string;
  code: string;
  minutes: number;
}

export function EmailSignInEmail({ url, code, minutes }: Props) {
  return (
    <EmailLayout preview="Your sign-in link and code">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Sign in to ASTROWORLD</h1>
      <p>Someone asked to sign in to your ASTROWORLD account with this email address.</p>
      <EmailButton href={url}>Sign in</EmailButton>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        Or open this link: <a href={url}>{url}</a>
      </p>
      <p>Reading this on another device? Enter this code on the sign-in page instead:</p>
      <p style={{ fontSize: 28, fontWeight: 700, letterSpacing: 6, margin: "8px 0 20px", fontFamily: "monospace" }}>
        Sign-in code: {code}
      </p>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        The link and the code work once, for {minutes} minutes; asking for a new mail replaces them. If you did not ask
        to sign in, ignore this mail: nobody can sign in without it.
      </p>
    </EmailLayout>
  );
}
