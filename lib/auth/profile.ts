import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { users } from "@/db/schema";
import type { ProfileInput } from "@/lib/schemas/account";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import { toPublicUser, USERNAME_TAKEN_MESSAGE, usernameTaken, type PublicUser, type UserRow } from "./user";
import { lockUsername } from "./username-reservation";

export type ProfileResult =
  { ok: true; user: PublicUser } | { ok: false; code: "validation_error"; fields: Record<string, string[]> };

/** Applies only the editable fields; the schema already stripped everything server-owned. */
export async function updateProfile(
  db: Database,
  user: UserRow,
  input: ProfileInput,
  ctx: ClientInfo,
): Promise<ProfileResult> {
  const changes = Object.fromEntries(
    Object.entries({
      username: input.username,
      firstName: input.first_name,
      lastName: input.last_name,
      bio: input.bio,
      profilePicture: input.profile_picture,
    }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(changes).length === 0) return { ok: true, user: toPublicUser(user) };
  try {
    const updated = await db.transaction(async (tx) => {
      // A name reserved by a sign-up for an existing address is taken, as an account's is.
      if (input.username !== undefined) {
        await lockUsername(tx, input.username);
        if (await usernameTaken(tx, input.username, { exceptUserId: user.id })) return null;
      }
      const [row] = await tx.update(users).set(changes).where(eq(users.id, user.id)).returning();
      await recordAuditEvent(tx, "profile_update", ctx, user.id, { fields: Object.keys(changes) });
      return row!;
    });
    return updated ? { ok: true, user: toPublicUser(updated) } : usernameTakenError();
  } catch (error) {
    // The case-insensitive unique index stays the last word on accounts, should a write skip the lock.
    if (isUniqueViolation(error)) return usernameTakenError();
    throw error;
  }
}

function usernameTakenError(): ProfileResult {
  return { ok: false, code: "validation_error", fields: { username: [USERNAME_TAKEN_MESSAGE] } };
}
