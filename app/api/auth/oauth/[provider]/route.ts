import { startOAuth } from "@/lib/http/oauth-flow";
import { methods, route } from "@/lib/http/route";
import { oauthStartQuerySchema } from "@/lib/schemas/oauth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "startOAuth",
      summary: "Start signing in with GitHub or Google (a browser navigation)",
      description:
        "`provider` is `github` or `google`; a provider whose client id and secret are not configured answers 404. Sets the flow's state, PKCE verifier and (Google) nonce in short-lived httpOnly cookies and redirects to the provider. With `intent=link` the signed-in caller connects the provider to their account (401 when not signed in).",
      query: oauthStartQuerySchema,
      redirects: { 302: "To the provider's consent page." },
      errors: ["not_found", "not_authenticated"],
      limits: ({ ip }) => [["oauth", ip]],
    },
    async ({ request, db, params, query }) => startOAuth(request, db, String(params.provider), query),
  ),
});
