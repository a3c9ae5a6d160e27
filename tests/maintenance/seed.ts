// Rows for the cron-route tests: one expired known device (pruned) and one live one (kept).
import { randomBytes } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import { getDb, tables } from "@/db";

export async function seedDevices(): Promise<{ expired: string; live: string }> {
  const db = await getDb();
  const tag = randomBytes(5).toString("hex");
  const [user] = await db
    .insert(tables.users)
    .values({ username: `cron_${tag}`, email: `cron_${tag}@example.test`, passwordHash: "x", emailVerified: true })
    .returning({ id: tables.users.id });
  const [expired, live] = [randomBytes(24).toString("base64url"), randomBytes(24).toString("base64url")];
  await db.insert(tables.knownDevices).values([
    { tokenHash: expired, userId: user!.id, expiresAt: new Date(Date.now() - 60_000) },
    { tokenHash: live, userId: user!.id, expiresAt: new Date(Date.now() + 86_400_000) },
  ]);
  return { expired, live };
}

export async function deviceExists(tokenHash: string): Promise<boolean> {
  const rows = await (
    await getDb()
  )
    .select()
    .from(tables.knownDevices)
    .where(eq(tables.knownDevices.tokenHash, tokenHash));
  return rows.length > 0;
}

export async function expiredDeviceCount(): Promise<number> {
  return (await getDb()).$count(tables.knownDevices, lt(tables.knownDevices.expiresAt, new Date()));
}
