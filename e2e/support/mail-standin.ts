// The e2e suite's mail sink: `npx tsx e2e/support/mail-standin.ts`, started by
// playwright.config.ts as a webServer. The app under test sends through the real Resend
// client to this local stand-in (RESEND_BASE_URL), and the specs read what it captured
// (e2e/support/mail.ts). Nothing of it exists in the app, so production has no mail to show.
import { startResendStandIn } from "../../tests/support/resend-standin";
import { MAIL_STANDIN } from "./mail-standin-config";

const standIn = await startResendStandIn({ port: MAIL_STANDIN.port, apiKey: MAIL_STANDIN.apiKey });
console.log(`mail stand-in listening on ${standIn.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void standIn.close().then(() => process.exit(0)));
}
