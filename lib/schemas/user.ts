import { z } from "zod";

/** The account as the API shows it to its owner (lib/auth/user.ts#toPublicUser). */
export const publicUserSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    email: z.email(),
    first_name: z.string(),
    last_name: z.string(),
    bio: z.string(),
    profile_picture: z.string().nullable(),
    email_verified: z.boolean(),
    date_joined: z.iso.datetime(),
    last_login: z.iso.datetime().nullable(),
  })
  .meta({ id: "PublicUser" });

/** Every success that only says what happened. */
export const detailSchema = z.object({ detail: z.string() }).meta({ id: "Detail" });
