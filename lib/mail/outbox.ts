import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { devOutbox } from "@/db/schema";
import { env } from "@/lib/env";
import type { MailTransport } from "./transport";

export type OutboxMessage = typeof devOutbox.$inferSelect;

// Second line of defence behind the start-up refusal (lib/env.ts productionProblems): the
// outbox keeps sign-in and reset links readable, so it refuses to exist in production.
function refuseInProduction(): void {
  if (env().NODE_ENV === "production") {
    throw new Error("The dev outbox is development-only: production needs RESEND_API_KEY.");
  }
}

/** Outside production only: mail is kept in the database for /dev/mailbox (and printed in development). */
export function outboxTransport(): MailTransport {
  refuseInProduction();
  const print = env().NODE_ENV === "development";
  return {
    async send(message) {
      refuseInProduction();
      const db = await getDb();
      await db.insert(devOutbox).values(message);
      if (print) console.info(`\n[dev outbox] To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`);
    },
  };
}

export async function listOutbox(limit = 50): Promise<OutboxMessage[]> {
  refuseInProduction();
  const db = await getDb();
  return db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(limit);
}

export async function findOutboxMessage(id: number): Promise<OutboxMessage | undefined> {
  refuseInProduction();
  const db = await getDb();
  const [message] = await db.select().from(devOutbox).where(eq(devOutbox.id, id)).limit(1);
  return message;
}
