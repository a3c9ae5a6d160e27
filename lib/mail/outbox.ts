import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { devOutbox } from "@/db/schema";
import type { MailTransport } from "./transport";

export type OutboxMessage = typeof devOutbox.$inferSelect;

/** Development only: mail is printed and kept in the database for /dev/mailbox. */
export function outboxTransport(): MailTransport {
  return {
    async send(message) {
      const db = await getDb();
      await db.insert(devOutbox).values(message);
      console.info(`\n[dev outbox] To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`);
    },
  };
}

export async function listOutbox(limit = 50): Promise<OutboxMessage[]> {
  const db = await getDb();
  return db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(limit);
}

export async function findOutboxMessage(id: number): Promise<OutboxMessage | undefined> {
  const db = await getDb();
  const [message] = await db.select().from(devOutbox).where(eq(devOutbox.id, id)).limit(1);
  return message;
}
