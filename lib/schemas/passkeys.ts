import { z } from "zod";
import { requiredText } from "./fields";

const base64url = (label: string, max = 16_384) =>
  z
    .string({ error: `${label} must be base64url text.` })
    .max(max, `${label} is too long.`)
    .regex(/^[A-Za-z0-9_-]*$/, `${label} must be base64url text.`);

export const passkeyNameField = requiredText("Passkey name", { max: 64 });

/** Passkeys one account may hold: more than anyone's devices, few enough to list and to check. */
export const MAX_PASSKEYS_PER_ACCOUNT = 20;

/** What `navigator.credentials.create()` answered, as @simplewebauthn/browser's `startRegistration` returns it. */
const registrationCredential = z
  .looseObject({
    id: base64url("id", 1024).min(1),
    rawId: base64url("rawId", 1024).min(1),
    type: z.literal("public-key"),
    response: z.looseObject({
      clientDataJSON: base64url("clientDataJSON").min(1),
      attestationObject: base64url("attestationObject").min(1),
      transports: z.array(z.string().max(32)).max(10).optional(),
    }),
    clientExtensionResults: z.looseObject({}).optional().default({}),
    authenticatorAttachment: z.string().max(32).optional(),
  })
  .meta({ id: "PasskeyRegistrationCredential", description: "WebAuthn's RegistrationResponseJSON." });

/** What `navigator.credentials.get()` answered, as `startAuthentication` returns it. */
const authenticationCredential = z
  .looseObject({
    id: base64url("id", 1024).min(1),
    rawId: base64url("rawId", 1024).min(1),
    type: z.literal("public-key"),
    response: z.looseObject({
      clientDataJSON: base64url("clientDataJSON").min(1),
      authenticatorData: base64url("authenticatorData").min(1),
      signature: base64url("signature").min(1),
      userHandle: base64url("userHandle", 1024).optional(),
    }),
    clientExtensionResults: z.looseObject({}).optional().default({}),
    authenticatorAttachment: z.string().max(32).optional(),
  })
  .meta({ id: "PasskeyAuthenticationCredential", description: "WebAuthn's AuthenticationResponseJSON." });

export const passkeyRegisterSchema = z.object({
  name: passkeyNameField,
  credential: registrationCredential,
});
export type PasskeyRegisterInput = z.output<typeof passkeyRegisterSchema>;

export const passkeyLoginSchema = z.object({ credential: authenticationCredential });
export type PasskeyLoginInput = z.output<typeof passkeyLoginSchema>;

export const passkeyRenameSchema = z.object({ name: passkeyNameField });

/** The options to hand to `navigator.credentials.create()` (`startRegistration({ optionsJSON })`). */
export const passkeyCreationOptionsSchema = z
  .looseObject({
    challenge: z.string(),
    rp: z.looseObject({ id: z.string().optional(), name: z.string() }),
    user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.looseObject({ type: z.literal("public-key"), alg: z.number().int() })),
    timeout: z.number().int().optional(),
    excludeCredentials: z.array(z.looseObject({ id: z.string(), type: z.literal("public-key") })).optional(),
    authenticatorSelection: z.looseObject({}).optional(),
    attestation: z.string().optional(),
  })
  .meta({ id: "PasskeyCreationOptions", description: "WebAuthn's PublicKeyCredentialCreationOptionsJSON." });

/** The options to hand to `navigator.credentials.get()` (`startAuthentication({ optionsJSON })`). */
export const passkeyRequestOptionsSchema = z
  .looseObject({
    challenge: z.string(),
    rpId: z.string().optional(),
    timeout: z.number().int().optional(),
    userVerification: z.string().optional(),
    allowCredentials: z.array(z.looseObject({ id: z.string() })).optional(),
  })
  .meta({ id: "PasskeyRequestOptions", description: "WebAuthn's PublicKeyCredentialRequestOptionsJSON." });

export const passkeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable().meta({ description: "The last sign-in with it; null if never." }),
    backed_up: z.boolean().meta({ description: "Synced to the cloud by its provider (a multi-device passkey)." }),
    transports: z.array(z.string()),
  })
  .meta({ id: "Passkey" });
export type PasskeyView = z.output<typeof passkeySchema>;

export const passkeysSchema = z.object({ passkeys: z.array(passkeySchema) });
export const passkeyCreatedSchema = z.object({ detail: z.string(), passkey: passkeySchema });
export { loginResponseSchema } from "./auth";
