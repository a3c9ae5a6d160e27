// The e2e suite's OAuth provider: `npx tsx e2e/support/oauth-standin.ts`, started by
// playwright.config.ts as a webServer. The app server's GitHub and Google settings point here
// (OAUTH_STANDIN_ENV); e2e/oauth.spec.ts adds the people who may "sign in" (POST /_identities).
import { startOAuthStandIn } from "../../tests/support/oauth-provider";
import { OAUTH_STANDIN_CLIENTS, OAUTH_STANDIN_PORT } from "./oauth-standin-config";

const standIn = await startOAuthStandIn({ port: OAUTH_STANDIN_PORT, clients: OAUTH_STANDIN_CLIENTS });
console.log(`OAuth stand-in listening on ${standIn.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void standIn.close().then(() => process.exit(0)));
}
