import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    bio: text("bio").notNull().default(""),
    profilePicture: text("profile_picture"),
    emailVerified: boolean("email_verified").notNull().default(false),
    isActive: boolean("is_active").notNull().default(true),
    dateJoined: ts("date_joined").notNull().defaultNow(),
    lastLogin: ts("last_login"),
  },
  (t) => [
    uniqueIndex("users_username_lower_idx").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
  ],
);

/** One row per login: the refresh-token family. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Every refresh token ever issued, by the SHA-256 of its jti. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    jtiHash: text("jti_hash").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    issuedAt: ts("issued_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [index("refresh_tokens_session_idx").on(t.sessionId)],
);

export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", {
      enum: ["verify_email", "password_reset", "unlock", "email_change", "email_change_revert", "secure_account"],
    }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [index("one_time_tokens_user_purpose_idx").on(t.userId, t.purpose)],
);

/**
 * What an email-change link carries (lib/auth/email-change.ts): for a confirmation link the
 * address asked for, for a "this wasn't me" link the address to restore. Dies with its link.
 */
export const emailChanges = pgTable("email_changes", {
  tokenHash: text("token_hash")
    .primaryKey()
    .references(() => oneTimeTokens.tokenHash, { onDelete: "cascade" }),
  oldEmail: text("old_email").notNull(),
  newEmail: text("new_email").notNull(),
});

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("audit_events_user_idx").on(t.userId, t.createdAt)],
);

/** Mail captured by the dev outbox transport (never used with Resend). */
export const devOutbox = pgTable("dev_outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  html: text("html").notNull(),
  text: text("text").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Sliding-window counters of the Postgres rate limiter (lib/ratelimit/postgres.ts). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: bigint("window_start", { mode: "number" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * Password checks per account (or per unknown login name, so both look alike), or per known
 * device while its account is throttled: counted before the check, in a window that decays.
 */
export const loginThrottles = pgTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: ts("window_started_at").notNull().defaultNow(),
  throttledUntil: ts("throttled_until"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * Browsers that signed in to an account (the known-device cookie holds the random token,
 * stored here as SHA-256). Deleted when the password changes or every session is signed out.
 */
export const knownDevices = pgTable(
  "known_devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("known_devices_user_idx").on(t.userId)],
);

/**
 * A username asked for together with an email that already had an account: held as if that
 * sign-up had created an account, so "username taken" tells nothing about the email.
 */
export const usernameReservations = pgTable(
  "username_reservations",
  {
    username: text("username").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("username_reservations_lower_idx").on(sql`lower(${t.username})`)],
);

/**
 * A sign-in identity at an OAuth provider (GitHub, Google), linked to one account. An identity
 * belongs to one account; an account has at most one identity per provider.
 */
export const oauthAccounts = pgTable(
  "oauth_accounts",
  {
    provider: text("provider", { enum: ["github", "google"] }).notNull(),
    providerUserId: text("provider_user_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The address the provider gave at the last sign-in (verified there), for display only. */
    email: text("email"),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerUserId] }),
    uniqueIndex("oauth_accounts_user_provider_idx").on(t.userId, t.provider),
  ],
);

/**
 * Passkeys (WebAuthn credentials): the public key and what the authenticator last reported.
 * The credential id is the authenticator's own (base64url), unique across every account.
 */
export const passkeys = pgTable(
  "passkeys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    credentialId: text("credential_id").notNull().unique(),
    /** The COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    deviceType: text("device_type", { enum: ["singleDevice", "multiDevice"] }).notNull(),
    backedUp: boolean("backed_up").notNull(),
    aaguid: text("aaguid"),
    name: text("name").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

/**
 * Challenges handed out for a passkey ceremony, by SHA-256: spent by the first verify that
 * names them (one DELETE … RETURNING), and only within their short lifetime.
 */
export const passkeyChallenges = pgTable(
  "passkey_challenges",
  {
    challengeHash: text("challenge_hash").primaryKey(),
    purpose: text("purpose", { enum: ["register", "login"] }).notNull(),
    /** The account registering a passkey; null for a sign-in, whose account the passkey names. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("passkey_challenges_expires_idx").on(t.expiresAt)],
);

/**
 * An account's TOTP authenticator (RFC 6238): the secret encrypted at rest (AES-256-GCM,
 * lib/auth/secret-box.ts). Unconfirmed until a valid code proves the app has it; the last
 * time-step accepted is kept so that no code is accepted twice.
 */
export const userTotp = pgTable("user_totp", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  confirmedAt: ts("confirmed_at"),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  lastUsedAt: ts("last_used_at"),
});

/** Single-use recovery codes of an account with TOTP on, by SHA-256; a new set replaces the old. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    usedAt: ts("used_at"),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_idx").on(t.userId, t.codeHash)],
);

/**
 * A half-done sign-in waiting for its second factor, by the SHA-256 of its mfa_token: short-lived,
 * single use, and dead after MFA_MAX_ATTEMPTS codes (counted before each check). `throttleKey`
 * is the login-throttle count the first factor passed, reset only when the sign-in completes.
 */
export const mfaChallenges = pgTable(
  "mfa_challenges",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    firstFactor: text("first_factor").notNull(),
    throttleKey: text("throttle_key"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [index("mfa_challenges_user_idx").on(t.userId), index("mfa_challenges_expires_idx").on(t.expiresAt)],
);

/**
 * The live passwordless sign-in of an account (at most one: a new request replaces it), by the
 * SHA-256 of its link token and a keyed hash of its 6-digit code. `attempts` counts code checks,
 * claimed before each comparison, so a parallel burst gets no more checks than the limit.
 */
export const emailSignIns = pgTable("email_sign_ins", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  linkHash: text("link_hash").notNull().unique(),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
});

/**
 * The live "confirm it's you" code of a signed-in account that has no password to re-enter
 * (made by a provider sign-in): at most one, replaced by a new request, a keyed hash of its six
 * digits. `attempts` is claimed before each comparison, as for emailed sign-in codes.
 */
export const reauthCodes = pgTable("reauth_codes", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
});
