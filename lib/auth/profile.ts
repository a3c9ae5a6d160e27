import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { users } from "@/db/schema";
import type { ProfileInput } from "@/lib/schemas/account";
import { recordAuditEvent } from "./audit";
import type { RequestContext } from "./request-context";
import { toPublicUser, USERNAME_TAKEN_MESSAGE, type PublicUser, type UserRow } from "./user";

export type ProfileResult = { ok: true; user: PublicUser } | { ok: false; code: "validation_error"; fields: Record<string, string[]> };

/** Applies only the editable fields; the schema already stripped everything server-owned. */
export async function updateProfile(db: Database, user: UserRow, input: ProfileInput, ctx: RequestContext): Promise<ProfileResult> {
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
      const [row] = await tx.update(users).set(changes).where(eq(users.id, user.id)).returning();
      await recordAuditEvent(tx, "profile_update", ctx, user.id, { fields: Object.keys(changes) });
      return row!;
    });
    return { ok: true, user: toPublicUser(updated) };
  } catch (error) {
    // The case-insensitive unique index is the single source of truth, race-free.
    if (isUniqueViolation(error)) return { ok: false, code: "validation_error", fields: { username: [USERNAME_TAKEN_MESSAGE] } };
    throw error;
  }
}
