import { updateProfile } from "@/lib/auth/profile";
import { json, methods, route, type FormTargets } from "@/lib/http/route";
import { profilePatchSchema, profileSchema, publicUserSchema } from "@/lib/schemas/account";
import { deleteUser, readUser } from "./own-account";

/** PUT replaces every editable field; PATCH changes any subset; POST is PUT for an HTML form (which can only POST). */
const update = (
  schema: typeof profileSchema | typeof profilePatchSchema,
  docs: { operationId: string; summary: string; description?: string; form?: FormTargets },
) =>
  route(
    { ...docs, responses: { 200: publicUserSchema }, auth: "user", body: schema },
    async ({ db, caller, body, client }) => {
      const result = await updateProfile(db, caller.user, body, client);
      return result.ok ? json(result.user) : result;
    },
  );

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: readUser,
  DELETE: deleteUser,
  PUT: update(profileSchema, { operationId: "replaceUser", summary: "Replace every editable profile field" }),
  PATCH: update(profilePatchSchema, { operationId: "updateUser", summary: "Change some profile fields" }),
  POST: update(profileSchema, {
    operationId: "replaceUserByForm",
    summary: "Replace every editable profile field (PUT, as an HTML form posts it)",
    description: "The same body, checks and answer as `PUT`, for the account page's form without JavaScript.",
    form: { success: "/account", failure: "/account", form: "profile" },
  }),
});
