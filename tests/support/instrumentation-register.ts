// Runs instrumentation.ts's register() as Next.js does when the server starts (NEXT_RUNTIME=nodejs),
// for tests/security/production-safety.test.ts: `tsx tests/support/instrumentation-register.ts`
// with the configuration under test in the environment. tsx resolves the `@/` alias from
// tsconfig.json's paths, as Next.js does.
import { register } from "../../instrumentation";

await register();
console.log("register() returned: the server would start");
process.exit(0);
