"use client";

import {
  browserSupportsWebAuthn,
  startRegistration,
  WebAuthnError,
  type PublicKeyCredentialCreationOptionsJSON,
} from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton, SubmitOrCancel } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson, reloadIfSignedOut, sendJson, type ApiResult } from "@/lib/client/api";
import { passkeyNameField, type PasskeyView } from "@/lib/schemas/passkeys";

const nameSchema = z.object({ name: passkeyNameField });
const never = () => () => {};

const when = (iso: string) =>
  `${new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/** The list (rename, remove with a confirmation) and the form that adds a passkey. */
export function PasskeyManager({ passkeys }: { passkeys: PasskeyView[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  function changed(message: string) {
    setDone(message);
    setConfirming(null);
    setRenaming(null);
    router.refresh();
  }

  async function remove(passkey: PasskeyView) {
    setBusy(passkey.id);
    setError(null);
    setDone(null);
    const result = await sendJson("DELETE", `/api/auth/passkeys/${passkey.id}`);
    setBusy(null);
    if (reloadIfSignedOut(result)) return;
    if (!result.ok) return setError(result.error.detail);
    changed(`“${passkey.name}” is removed: it can no longer sign in.`);
  }

  return (
    <>
      {error ? <FormAlert message={error} /> : null}
      {done ? <FormAlert kind="success" message={done} /> : null}
      {passkeys.length === 0 ? (
        <p className="muted" data-testid="no-passkeys">
          No passkeys yet.
        </p>
      ) : (
        <ul className="list" aria-label="Passkeys">
          {passkeys.map((p) => (
            <li key={p.id} data-testid="passkey">
              {renaming === p.id ? (
                <RenameForm passkey={p} onDone={changed} onCancel={() => setRenaming(null)} />
              ) : (
                <>
                  <div>
                    <strong>{p.name}</strong>
                    {p.backed_up ? <span className="badge">Synced</span> : null}
                    <div className="meta">
                      added {when(p.created_at)} · {p.last_used_at ? `last used ${when(p.last_used_at)}` : "never used"}
                    </div>
                  </div>
                  {confirming === p.id ? (
                    <div className="actions-row passkey-confirm" role="group" aria-labelledby={`remove-${p.id}`}>
                      <p id={`remove-${p.id}`} className="confirm-question">
                        Remove “{p.name}”? It will no longer sign in.
                      </p>
                      <button
                        type="button"
                        className="button danger small"
                        disabled={busy !== null}
                        onClick={() => remove(p)}
                      >
                        {busy === p.id ? "Removing…" : "Yes, remove"}
                      </button>
                      <button type="button" className="button secondary small" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </div>
                  ) : (
                    <div className="passkey-actions">
                      <button
                        type="button"
                        className="button secondary small"
                        onClick={() => setRenaming(p.id)}
                        aria-label={`Rename ${p.name}`}
                      >
                        Rename
                      </button>
                      <button
                        type="button"
                        className="button secondary small"
                        onClick={() => setConfirming(p.id)}
                        aria-label={`Remove ${p.name}`}
                      >
                        Remove
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <AddPasskeyForm onAdded={changed} />
    </>
  );
}

function RenameForm({
  passkey,
  onDone,
  onCancel,
}: {
  passkey: PasskeyView;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { register, onSubmit, formError, formState, errorOf } = useApiForm({
    schema: nameSchema,
    fields: ["name"],
    defaultValues: { name: passkey.name },
    send: (values) => sendJson("PATCH", `/api/auth/passkeys/${passkey.id}`, values),
    onSuccess: () => onDone("Passkey renamed."),
    signedIn: true,
  });
  return (
    <form className="passkey-rename" onSubmit={onSubmit} noValidate aria-label={`Rename ${passkey.name}`}>
      <FormAlert message={formError} />
      <FormField label="New name" autoFocus required error={errorOf("name")} {...register("name")} />
      <SubmitOrCancel pending={formState.isSubmitting} pendingText="Saving…" onCancel={onCancel}>
        Save name
      </SubmitOrCancel>
    </form>
  );
}

function AddPasskeyForm({ onAdded }: { onAdded: (message: string) => void }) {
  const supported = useSyncExternalStore(never, browserSupportsWebAuthn, () => true);
  const { register, onSubmit, formError, formState, errorOf, reset } = useApiForm({
    schema: nameSchema,
    fields: ["name"],
    defaultValues: { name: "" },
    send: (values) => registerPasskey(values.name),
    onSuccess: (_, values) => {
      reset({ name: "" });
      onAdded(`“${values.name.trim()}” is added. You can sign in with it now.`);
    },
    signedIn: true,
  });

  if (!supported) return <p className="muted">This browser cannot create passkeys.</p>;
  return (
    <form className="passkey-add" onSubmit={onSubmit} noValidate aria-label="Add a passkey">
      <FormAlert message={formError} />
      <FormField
        label="Name for a new passkey"
        placeholder="e.g. MacBook Touch ID"
        hint="So you can tell your passkeys apart."
        required
        error={errorOf("name")}
        {...register("name")}
      />
      <div className="form-actions">
        <SubmitButton pending={formState.isSubmitting} pendingText="Waiting for your device…">
          Add a passkey
        </SubmitButton>
      </div>
    </form>
  );
}

/** Options from the server, a new credential from the device, then the server checks and keeps it. */
async function registerPasskey(name: string): Promise<ApiResult<unknown>> {
  const options = await postJson<PublicKeyCredentialCreationOptionsJSON>("/api/auth/passkeys/register/options");
  if (!options.ok) return options;
  let credential;
  try {
    credential = await startRegistration({ optionsJSON: options.data });
  } catch (error) {
    // Nothing reached the server: the device's answer, as a refusal the form shows.
    return { ok: false, status: 0, error: { code: "validation_error", detail: registrationProblem(error) } };
  }
  return postJson("/api/auth/passkeys/register/verify", { name, credential });
}

function registrationProblem(error: unknown): string {
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED")
    return "This device already holds a passkey for your account.";
  if (error instanceof Error && error.name === "NotAllowedError")
    return "No passkey was created: the request was cancelled or timed out.";
  return "This browser or device could not create a passkey.";
}
