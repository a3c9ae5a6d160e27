import { finishOAuth } from "@/lib/http/oauth-flow";
import { methods, route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "finishOAuth",
      summary: "Where the provider sends the browser back (the registered callback URL)",
      description:
        "Checks the state and its cookies, trades the code (with the PKCE verifier) for the provider's identity and signs in, creates an account, or connects the provider. Every outcome is a 303; a refusal lands on `/login` (or `/account` when connecting) with its message in a one-time flash cookie, never an error page.",
      redirects: {
        303: "Signed in: to the `next` page with the access and refresh cookies. Connected: to `/account`. Refused (`oauth_denied`, `oauth_state_invalid`, `oauth_state_expired`, `oauth_provider_error`, `oauth_email_unverified`, `oauth_account_exists`, `oauth_identity_taken`, `oauth_provider_already_linked`, `account_disabled`): to `/login` or `/account`, the code and message in the flash.",
      },
      errors: ["not_found"],
      limits: ({ ip }) => [["oauth", ip]],
    },
    async ({ request, db, params, client, device }) =>
      finishOAuth({ request, db, provider: String(params.provider), client, device }),
  ),
});
