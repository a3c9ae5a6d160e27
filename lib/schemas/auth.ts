import { z } from "zod";
import { emailField, linkPart, optionalText, requiredText, usernameField } from "./fields";
import { checkNewPassword, passwordField } from "./password";
import { detailSchema, publicUserSchema } from "./user";

export { detailSchema, publicUserSchema };

export const registerSchema = z
  .object({
    username: usernameField,
    email: emailField,
    password: passwordField(),
    password2: requiredText("Password confirmation", { max: 256, trim: false }).transform((p) => p.normalize("NFKC")),
    first_name: optionalText("First name"),
    last_name: optionalText("Last name"),
  })
  .superRefine((v, ctx) =>
    checkNewPassword(
      ctx,
      {
        password: v.password,
        confirm: v.password2,
        attributes: { username: v.username, email: v.email, first_name: v.first_name, last_name: v.last_name },
      },
      { password: "password", confirm: "password2" },
    ),
  );
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginFormSchema = z.object({
  login: requiredText("Username or email", { max: 254 }),
  password: requiredText("Password", { max: 256, trim: false }),
});
export type LoginInput = z.infer<typeof loginFormSchema>;

/** The API also accepts `username` or `email` in place of `login`. */
export const loginSchema = z
  .object({
    login: z.unknown().meta({ type: "string", description: "Username or email." }),
    username: z.unknown().meta({ type: "string", description: "Accepted in place of `login`." }),
    email: z.unknown().meta({ type: "string", description: "Accepted in place of `login`." }),
    password: z.unknown().meta({ type: "string" }),
  })
  .partial()
  .transform(({ login, username, email, password }) => ({ login: login ?? username ?? email, password }))
  .pipe(loginFormSchema);

export const emailVerifySchema = z.object({ uid: linkPart("uid"), token: linkPart("token") });
export type EmailVerifyInput = z.infer<typeof emailVerifySchema>;

export const refreshSchema = z.object({ refresh: requiredText("Refresh token", { max: 4096 }).optional() });

/** Logout takes a refresh token from the body when it is a string, and ignores anything else. */
export const logoutSchema = z
  .unknown()
  .meta({
    type: "object",
    properties: { refresh: { type: "string", description: "Token clients: the session's refresh token." } },
  })
  .transform((body) => {
    const refresh = typeof body === "object" && body !== null ? (body as { refresh?: unknown }).refresh : undefined;
    return { refresh: typeof refresh === "string" ? refresh : undefined };
  });

export const registerResponseSchema = z.object({ detail: z.string(), user: publicUserSchema });

/** When the access token (cookie or body) stops being accepted. */
const accessExpiry = { access_expires_at: z.iso.datetime() };

/** The token body of `X-Auth-Transport: body` clients; browsers get the pair as cookies instead. */
export const tokenPairSchema = z
  .object({
    access: z.string(),
    refresh: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().min(0),
    ...accessExpiry,
  })
  .meta({ id: "TokenPair" });

/** Cookie transport: the expiry only (the tokens are in httpOnly cookies). */
export const cookieTokensSchema = z.object(accessExpiry).meta({ id: "CookieTokens" });

export const loginResponseSchema = z.union([
  cookieTokensSchema.extend({ user: publicUserSchema }),
  tokenPairSchema.extend({ user: publicUserSchema }),
]);

export const refreshResponseSchema = z.union([cookieTokensSchema, tokenPairSchema]);

export const logoutAllResponseSchema = detailSchema.extend({ sessions_revoked: z.number().int().min(0) });
