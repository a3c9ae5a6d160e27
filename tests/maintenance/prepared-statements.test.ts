import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase } from "@/db/client";
import { users } from "@/db/schema";

// Postgres only: statements are named prepared statements unless DATABASE_PREPARE=false, for
// a transaction-mode pooler that cannot keep them.
const url = process.env.DATABASE_URL;

/** Whether the app's query just run stays prepared on its connection. */
async function keptPrepared(prepare: boolean): Promise<boolean> {
  const handle = await createDatabase({ url, dataDir: "unused", prepare });
  try {
    // One transaction: both statements on the same connection.
    return await handle.db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.username, "nobody"));
      // The driver's own set-up query may be prepared either way: only ours is looked for.
      const rows = await tx.execute(sql`select statement from pg_prepared_statements`);
      return (rows as unknown as { statement: string }[]).some((row) =>
        row.statement.includes('from "users" where "users"."username" = $1'),
      );
    });
  } finally {
    await handle.close();
  }
}

describe.skipIf(!url)("prepared statements", () => {
  it("are named and kept per connection by default", async () => {
    expect(await keptPrepared(true)).toBe(true);
  });

  it("are not kept with DATABASE_PREPARE=false", async () => {
    expect(await keptPrepared(false)).toBe(false);
  });
});
