export async function register() {
  // Migrations run once at server start, before the first request reaches a handler.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { databaseHandle } = await import("./db/index");
    await databaseHandle();
  }
}
