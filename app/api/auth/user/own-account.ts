import { deleteAccount } from "@/lib/auth/account-deletion";
import { toPublicUser } from "@/lib/auth/user";
import { json, route, type FormTargets } from "@/lib/http/route";
import type { RouteDocs } from "@/lib/http/route-docs";
import { signedOutResponse } from "@/lib/http/token-response";
import { accountDeleteSchema } from "@/lib/schemas/account-lifecycle";
import { detailSchema, publicUserSchema } from "@/lib/schemas/user";

// GET and DELETE of /api/auth/user (route.ts), declared here to keep that file thin.

export const readUser = route(
  { operationId: "getUser", summary: "The signed-in account", responses: { 200: publicUserSchema }, auth: "user" },
  async ({ caller }) => json(toPublicUser(caller.user)),
);

/** DELETE, and POST for the account page's form without JavaScript (an HTML form cannot DELETE). */
const deletion = (docs: Pick<RouteDocs, "operationId" | "summary"> & { form?: FormTargets }) =>
  route(
    {
      ...docs,
      description:
        "Needs the password again. In one transaction the account goes with its sessions (they stop working at once), links, known devices and audit events; the audit trail keeps one `account_deleted` event with a pseudonym only. A goodbye mail goes to the address; a browser's cookies are cleared.",
      responses: { 200: detailSchema },
      auth: "user",
      body: accountDeleteSchema,
      limits: ({ caller }) => [["password_change", caller.user.id]],
    },
    async ({ db, caller, body, later }) => {
      const result = await deleteAccount(db, caller.user, body);
      if (!result.ok) return result;
      await later(result.goodbye);
      return signedOutResponse({ detail: "Your account has been deleted. Goodbye, and thank you for flying with us." });
    },
  );

export const deleteUser = deletion({
  operationId: "deleteUser",
  summary: "Delete the account and everything stored with it",
});

export const deleteUserByForm = deletion({
  operationId: "deleteUserByForm",
  summary: "Delete the account (DELETE, as an HTML form posts it)",
  form: { success: "/goodbye", failure: "/account?confirm=delete-account#delete-question", form: "delete" },
});
