import { Resend } from "resend";
import { env } from "@/lib/env";
import type { MailTransport } from "./transport";

export function resendTransport(): MailTransport {
  const e = env();
  const client = new Resend(e.RESEND_API_KEY, e.RESEND_BASE_URL ? { baseUrl: e.RESEND_BASE_URL } : undefined);
  return {
    async send(message) {
      const { error } = await client.emails.send({ from: e.MAIL_FROM, ...message });
      if (error) throw new Error(`Resend refused the message: ${error.name}: ${error.message}`);
    },
  };
}
