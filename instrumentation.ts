export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, productionProblems } = await import("./lib/env");
  env();
  const problems = productionProblems();
  if (problems.length > 0) {
    console.error(`\nASTROWORLD Auth refuses to start in production:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    process.exit(1);
  }
  // Migrations run once at server start, before the first request reaches a handler.
  const { databaseHandle } = await import("./db/index");
  await databaseHandle();
}
