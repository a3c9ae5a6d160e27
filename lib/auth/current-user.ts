import { cookies } from "next/headers";
import { getDb } from "@/db";
import { cookieNames } from "@/lib/http/cookies";
import { authenticateAccessToken } from "./authentication";
import { toPublicUser, type PublicUser } from "./user";

/** For server components: the signed-in user of this request, or null. */
export async function currentUser(): Promise<PublicUser | null> {
  const token = (await cookies()).get(cookieNames().access)?.value ?? null;
  const result = await authenticateAccessToken(await getDb(), token);
  return result.ok ? toPublicUser(result.user) : null;
}
