import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd());

const { databaseHandle, closeDb } = await import("../db/index");
const handle = await databaseHandle();
console.log(`Migrations applied (${handle.driver}).`);
await closeDb();
