import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { closeDb, databaseHandle } from "@/db";

// Each test file gets a database of its own on the TEST_DATABASE_URL server, dropped afterwards.
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error("The postgres test project needs TEST_DATABASE_URL (see vitest.config.ts).");

const name = `aw_test_${randomBytes(6).toString("hex")}`;

async function onServer(statement: string): Promise<void> {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

await onServer(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

beforeAll(async () => {
  await databaseHandle();
});

afterAll(async () => {
  await closeDb();
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});
