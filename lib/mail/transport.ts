import { mailTransportName } from "@/lib/env";

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

let transport: Promise<MailTransport> | undefined;

/** Resend when RESEND_API_KEY is set, the dev outbox otherwise (which refuses production). */
export function mailTransport(): Promise<MailTransport> {
  transport ??=
    mailTransportName() === "resend"
      ? import("./resend").then((m) => m.resendTransport())
      : import("./outbox").then((m) => m.outboxTransport());
  return transport;
}

/**
 * A provider's error text may echo what it was sent; links and anything token-shaped are
 * cut out before it reaches a log.
 */
export function redactLinks(text: string): string {
  return text.replace(/\bhttps?:\/\/\S+/gi, "[link]").replace(/[A-Za-z0-9_-]{20,}/g, "[redacted]");
}

/**
 * Mail is sent after the change is committed; a failed send is logged (subject and a
 * redacted reason, never the body), never turned into an error that would reveal whether
 * an account exists. The person can ask for a resend.
 */
export async function deliver(message: MailMessage): Promise<void> {
  try {
    await (await mailTransport()).send(message);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Mail "${message.subject}" could not be sent: ${redactLinks(reason)}`);
  }
}
