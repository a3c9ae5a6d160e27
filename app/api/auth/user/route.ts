import { updateProfile } from "@/lib/auth/profile";
import { toPublicUser } from "@/lib/auth/user";
import { json, methods, route } from "@/lib/http/route";
import { profilePatchSchema, profileSchema, publicUserSchema } from "@/lib/schemas/account";

/** PUT replaces every editable field; PATCH changes any subset. */
const update = (
  schema: typeof profileSchema | typeof profilePatchSchema,
  docs: { operationId: string; summary: string },
) =>
  route(
    { ...docs, responses: { 200: publicUserSchema }, auth: "user", body: schema },
    async ({ db, caller, body, client }) => {
      const result = await updateProfile(db, caller.user, body, client);
      return result.ok ? json(result.user) : result;
    },
  );

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    { operationId: "getUser", summary: "The signed-in account", responses: { 200: publicUserSchema }, auth: "user" },
    async ({ caller }) => json(toPublicUser(caller.user)),
  ),
  PUT: update(profileSchema, { operationId: "replaceUser", summary: "Replace every editable profile field" }),
  PATCH: update(profilePatchSchema, { operationId: "updateUser", summary: "Change some profile fields" }),
});
