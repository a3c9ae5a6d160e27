import { exportAccount } from "@/lib/auth/account-export";
import { json, methods, route } from "@/lib/http/route";
import { accountExportSchema } from "@/lib/schemas/account-lifecycle";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "exportUser",
      summary: "Download everything stored about the account (JSON)",
      description:
        "The profile, every stored session and every audit event, as an attachment. No password hash, token or other secret is included.",
      responses: { 200: accountExportSchema },
      auth: "user",
    },
    async ({ db, caller }) => {
      const data = await exportAccount(db, caller.user);
      const day = data.exported_at.slice(0, 10);
      return json(data, {
        headers: { "content-disposition": `attachment; filename="astroworld-account-${day}.json"` },
      });
    },
  ),
});
