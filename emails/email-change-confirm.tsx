import { EmailButton, EmailLayout } from "./layout";

export function EmailChangeConfirmEmail({ url, hours }: { url: string; hours: number }) {
  return (
    <EmailLayout preview="Confirm your new email address">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>Confirm your new email address</h1>
      <p>
        Someone, hopefully you, asked to use this address for their ASTROWORLD account. Nothing changes until you
        confirm.
      </p>
      <EmailButton href={url}>Confirm new address</EmailButton>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        Or open this link: <a href={url}>{url}</a>
      </p>
      <p style={{ fontSize: 13, color: "#5a6282" }}>
        The link works once and expires in {hours} hours. If you did not ask for this, ignore this mail.
      </p>
    </EmailLayout>
  );
}
