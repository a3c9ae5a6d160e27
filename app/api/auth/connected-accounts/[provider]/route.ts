import { unlinkProvider } from "@/lib/auth/oauth-account";
import type { FormTargets } from "@/lib/http/form-post";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema } from "@/lib/schemas/account";

const disconnect = (docs: { operationId: string; summary: string; form?: FormTargets }) =>
  route(
    {
      ...docs,
      description:
        "Refused with `oauth_last_sign_in_method` when it is the account's only way to sign in (no password and no other provider); a provider that is not connected answers 404.",
      responses: { 200: detailSchema },
      errors: ["not_found", "oauth_last_sign_in_method"],
      auth: "user",
    },
    async ({ db, caller, client, params }) => {
      const result = await unlinkProvider(db, caller.user.id, String(params.provider), client);
      return result.ok ? json({ detail: result.detail }) : result;
    },
  );

/** DELETE, and POST for the account page's form without JavaScript (an HTML form can only POST). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  DELETE: disconnect({ operationId: "disconnectProvider", summary: "Disconnect a sign-in provider from the account" }),
  POST: disconnect({
    operationId: "disconnectProviderByForm",
    summary: "Disconnect a sign-in provider (DELETE, as an HTML form posts it)",
    form: { success: "/account", failure: "/account" },
  }),
});
