import { z } from "zod";

/** The public signing keys (RFC 7517): EC P-256 keys for ES256. */
export const jwksSchema = z.object({
  keys: z.array(
    z
      .object({
        kty: z.literal("EC"),
        crv: z.literal("P-256"),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.literal("ES256"),
        use: z.literal("sig"),
      })
      .meta({ id: "Jwk" }),
  ),
});

/** RFC 7662 §2.1, as JSON like every other request here. */
export const introspectRequestSchema = z.object({
  token: z.string({ error: "token is required." }).min(1, "token is required."),
  token_type_hint: z
    .string()
    .optional()
    .meta({ description: "Ignored: only access tokens can be active (RFC 7662 §2.1 lets a server ignore it)." }),
});

/** RFC 7662 §2.2: anything that is not a live access token is only `{"active": false}`. */
export const introspectionSchema = z.union([
  z.object({
    active: z.literal(true),
    token_type: z.literal("Bearer"),
    sub: z.uuid(),
    username: z.string(),
    sid: z.uuid().meta({ description: "The session the token belongs to." }),
    iss: z.string(),
    aud: z.string(),
    iat: z.number().int(),
    exp: z.number().int(),
    jti: z.string(),
  }),
  z.object({ active: z.literal(false) }),
]);
