import { z } from "zod";
import { emailField, linkPart, optionalText, requiredText, usernameField } from "./fields";
import { checkNewPassword, passwordField } from "./password";

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
  .object({ login: z.unknown(), username: z.unknown(), email: z.unknown(), password: z.unknown() })
  .partial()
  .transform(({ login, username, email, password }) => ({ login: login ?? username ?? email, password }))
  .pipe(loginFormSchema);

export const emailVerifySchema = z.object({ uid: linkPart("uid"), token: linkPart("token") });
export type EmailVerifyInput = z.infer<typeof emailVerifySchema>;

export const refreshSchema = z.object({ refresh: requiredText("Refresh token", { max: 4096 }).optional() });

/** Logout takes a refresh token from the body when it is a string, and ignores anything else. */
export const logoutSchema = z.unknown().transform((body) => {
  const refresh = typeof body === "object" && body !== null ? (body as { refresh?: unknown }).refresh : undefined;
  return { refresh: typeof refresh === "string" ? refresh : undefined };
});
