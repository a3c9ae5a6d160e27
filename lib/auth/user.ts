import { and, eq, ne, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { usernameReservations, users } from "@/db/schema";

export const USERNAME_TAKEN_MESSAGE = "That username is taken.";

export type UserRow = typeof users.$inferSelect;

export interface PublicUser {
  id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  bio: string;
  profile_picture: string | null;
  email_verified: boolean;
  date_joined: string;
  last_login: string | null;
}

export function toPublicUser(user: UserRow): PublicUser {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    bio: user.bio,
    profile_picture: user.profilePicture,
    email_verified: user.emailVerified,
    date_joined: user.dateJoined.toISOString(),
    last_login: user.lastLogin?.toISOString() ?? null,
  };
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/**
 * Username and email are both unique case-insensitively, so one lookup serves either. A
 * username may look like an email ("@" is allowed), so one person's username can equal
 * another's email: the email match wins, or whoever took that username could make the
 * owner's email login fail at random (whichever row the scan met first).
 */
export async function findUserByLogin(db: Database, login: string): Promise<UserRow | undefined> {
  const [user] = await userByLoginQuery(db, login);
  return user;
}

/** `findUserByLogin`'s query, not yet run: for a caller that reads the account in a larger statement. */
export function userByLoginQuery(db: Database, login: string) {
  const value = login.trim().toLowerCase();
  const emailMatch = sql`lower(${users.email}) = ${value}`;
  return db
    .select()
    .from(users)
    .where(or(sql`lower(${users.username}) = ${value}`, emailMatch))
    .orderBy(sql`${emailMatch} desc`)
    .limit(1);
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return user;
}

/**
 * Held by an account (other than `exceptUserId`) or by a reservation (see
 * lib/auth/username-reservation.ts), in one query, so both answer alike. Lower-cased by
 * Postgres, as the unique indexes are.
 */
export async function usernameTaken(
  db: Database,
  username: string,
  options: { exceptUserId?: string } = {},
): Promise<boolean> {
  const name = sql`lower(${username})`;
  const account = db
    .select({ taken: sql<number>`1` })
    .from(users)
    .where(
      and(
        sql`lower(${users.username}) = ${name}`,
        options.exceptUserId ? ne(users.id, options.exceptUserId) : undefined,
      ),
    );
  const reservation = db
    .select({ taken: sql<number>`1` })
    .from(usernameReservations)
    .where(sql`lower(${usernameReservations.username}) = ${name}`);
  const rows = await account.unionAll(reservation).limit(1);
  return rows.length > 0;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function personalAttributes(user: UserRow) {
  return { username: user.username, email: user.email, first_name: user.firstName, last_name: user.lastName };
}
