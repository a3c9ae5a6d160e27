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

/** Resend when RESEND_API_KEY is set, the dev outbox otherwise. */
export function mailTransport(): Promise<MailTransport> {
  transport ??= mailTransportName() === "resend"
    ? import("./resend").then((m) => m.resendTransport())
    : import("./outbox").then((m) => m.outboxTransport());
  return transport;
}

/**
 * Mail is sent after the change is committed; a failed send is logged, never turned into
 * an error that would reveal whether an account exists. The person can ask for a resend.
 */
export async function deliver(message: MailMessage): Promise<void> {
  try {
    await (await mailTransport()).send(message);
  } catch (error) {
    console.error(`Mail "${message.subject}" could not be sent:`, error instanceof Error ? error.message : error);
  }
}
