import { createDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

// Verified accounts for the load, written straight to the database before the server starts
// (PGlite allows one process at a time). Several accounts: many parallel logins to one account
// would meet the account throttle, which counts every attempt before its check.

export const BENCH_PASSWORD = "bench-password-0";

export const benchLogin = (i: number) => `bench${i}`;

export async function seedAccounts(target: { url?: string; dataDir: string }, count: number): Promise<void> {
  const handle = await createDatabase(target);
  try {
    await handle.migrate();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    await handle.db.insert(users).values(
      Array.from({ length: count }, (_, i) => ({
        username: benchLogin(i),
        email: `${benchLogin(i)}@bench.example`,
        passwordHash,
        emailVerified: true,
      })),
    );
  } finally {
    await handle.close();
  }
}
