import { z } from "zod";

export const oauthProviderSchema = z.enum(["github", "google"]);

/** The start of a provider sign-in: where to land afterwards, or `intent=link` to connect it to the signed-in account. */
export const oauthStartQuerySchema = z.object({
  next: z.string().max(2048).optional().meta({
    description:
      "Where to land after signing in: a path of this server (default `/account`), or a page on an origin listed in `AUTH_TRUSTED_ORIGINS` (a SPA elsewhere).",
  }),
  intent: z
    .enum(["link"])
    .optional()
    .meta({ description: "`link`: connect the provider to the signed-in account instead of signing in." }),
});
export type OAuthStartQuery = z.infer<typeof oauthStartQuerySchema>;

/** The account's connected provider identities, the providers this server offers, and whether it has a password. */
export const connectedAccountsSchema = z
  .object({
    accounts: z.array(
      z.object({
        provider: oauthProviderSchema,
        email: z.string().nullable(),
        created_at: z.iso.datetime(),
        last_used_at: z.iso.datetime(),
      }),
    ),
    providers: z.array(oauthProviderSchema),
    has_password: z.boolean(),
  })
  .meta({ id: "ConnectedAccounts" });
