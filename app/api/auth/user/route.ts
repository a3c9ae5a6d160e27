import { updateProfile } from "@/lib/auth/profile";
import { toPublicUser } from "@/lib/auth/user";
import { json, methods, route } from "@/lib/http/route";
import { profilePatchSchema, profileSchema } from "@/lib/schemas/account";

/** PUT replaces every editable field; PATCH changes any subset. */
const update = (schema: typeof profileSchema | typeof profilePatchSchema) =>
  route({ auth: "user", body: schema }, async ({ db, caller, body, client }) => {
    const result = await updateProfile(db, caller.user, body, client);
    return result.ok ? json(result.user) : result;
  });

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route({ auth: "user" }, async ({ caller }) => json(toPublicUser(caller.user))),
  PUT: update(profileSchema),
  PATCH: update(profilePatchSchema),
});
