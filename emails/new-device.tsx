import { EmailButton, EmailLayout } from "./layout";

interface Props {
  device: string;
  ip: string;
  when: string;
  method: string;
  sessionsUrl: string;
  secureUrl: string;
  days: number;
}

export function NewDeviceEmail({ device, ip, when, method, sessionsUrl, secureUrl, days }: Props) {
  const row = { padding: "4px 12px 4px 0", color: "#5a6282" };
  return (
    <EmailLayout preview="New sign-in to your account">
      <h1 style={{ fontSize: 22, margin: "0 0 12px" }}>New sign-in to your account</h1>
      <p>Your ASTROWORLD account was just signed in to from a device or browser we have not seen before.</p>
      <table style={{ borderCollapse: "collapse", margin: "12px 0", fontSize: 14 }}>
        <tbody>
          <tr>
            <td style={row}>Device:</td>
            <td>{device}</td>
          </tr>
          <tr>
            <td style={row}>IP address:</td>
            <td>{ip}</td>
          </tr>
          <tr>
            <td style={row}>When:</td>
            <td>{when}</td>
          </tr>
          <tr>
            <td style={row}>How:</td>
            <td>{method}</td>
          </tr>
        </tbody>
      </table>
      <p>If this was you, there is nothing to do. You can review every signed-in device on your account page:</p>
      <EmailButton href={sessionsUrl}>Review sessions</EmailButton>
      <p>
        If this was not you, secure your account: this signs out every device, stops your current password from working
        and sends you a link to choose a new one. The link works once, for {days} {days === 1 ? "day" : "days"}.
      </p>
      <EmailButton href={secureUrl}>Secure my account</EmailButton>
    </EmailLayout>
  );
}
