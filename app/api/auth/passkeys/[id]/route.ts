import { removePasskey, renamePasskey } from "@/lib/auth/passkey";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema } from "@/lib/schemas/account";
import { passkeyCreatedSchema, passkeyRenameSchema } from "@/lib/schemas/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  PATCH: route(
    {
      operationId: "renamePasskey",
      summary: "Rename one of the account's passkeys",
      description: "Another account's passkey answers 404, like a missing one.",
      responses: { 200: passkeyCreatedSchema },
      errors: ["not_found"],
      auth: "user",
      body: passkeyRenameSchema,
      limits: ({ caller }) => [["passkey_manage", caller.user.id]],
    },
    async ({ db, caller, body, params }) => {
      const result = await renamePasskey(db, caller.user.id, String(params.id), body.name);
      return result.ok ? json({ detail: "Passkey renamed.", passkey: result.passkey }) : result;
    },
  ),
  DELETE: route(
    {
      operationId: "deletePasskey",
      summary: "Remove one of the account's passkeys; the owner is mailed",
      description:
        "Needs the account's session (and, with cookies, a same-origin request): the passkey stops signing in at once. Another account's passkey answers 404, like a missing one.",
      responses: { 200: detailSchema },
      errors: ["not_found"],
      auth: "user",
      limits: ({ caller }) => [["passkey_manage", caller.user.id]],
    },
    async ({ db, caller, client, params, later }) => {
      const result = await removePasskey(db, caller.user, String(params.id), client);
      if (!result.ok) return result;
      await later(result.mail);
      return json({ detail: "Passkey removed." });
    },
  ),
});
