"use client";

import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  WebAuthnError,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useEffect, useState, useSyncExternalStore } from "react";
import { FormAlert } from "@/components/form-alert";
import { postJson } from "@/lib/client/api";

const never = () => () => {};

/**
 * "Sign in with a passkey", and the browser's own offer of saved passkeys in the username
 * field's autofill (conditional UI, where supported: the field says `autocomplete="username
 * webauthn"`). Both ask for discoverable passkeys, so no username is typed first. Needs
 * JavaScript, like WebAuthn itself: without it nothing is shown.
 */
export function PasskeySignIn({ next }: { next: string }) {
  const supported = useSyncExternalStore(never, browserSupportsWebAuthn, () => false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill()) || cancelled) return;
      // Waits quietly until the person picks a passkey from the autofill; the button aborts it.
      const outcome = await signInWithPasskey(next, true);
      if (!cancelled && outcome) setError(outcome);
    })();
    return () => {
      cancelled = true;
    };
  }, [next]);

  if (!supported) return null;

  async function onClick() {
    setBusy(true);
    setError(null);
    const outcome = await signInWithPasskey(next, false);
    setBusy(false);
    setError(outcome);
  }

  return (
    <div className="passkey-sign-in">
      {/* Only while there is one: the login form's own alert stays the page's only one otherwise. */}
      {error ? <FormAlert message={error} /> : null}
      <button type="button" className="button secondary" onClick={onClick} disabled={busy} aria-disabled={busy}>
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" />
            Waiting for your passkey…
          </>
        ) : (
          "Sign in with a passkey"
        )}
      </button>
    </div>
  );
}

/** The whole ceremony; null when it navigated away or was cancelled, else the message to show. */
async function signInWithPasskey(next: string, autofill: boolean): Promise<string | null> {
  const options = await postJson<PublicKeyCredentialRequestOptionsJSON>("/api/auth/passkeys/login/options");
  if (!options.ok) return autofill ? null : options.error.detail;
  let credential;
  try {
    credential = await startAuthentication({ optionsJSON: options.data, useBrowserAutofill: autofill });
  } catch (error) {
    // A newer request (the button after the autofill) aborts the older one: nothing to say.
    if (error instanceof WebAuthnError && error.code === "ERROR_CEREMONY_ABORTED") return null;
    if (autofill) return null;
    return error instanceof Error && error.name === "NotAllowedError"
      ? "No passkey was used: the request was cancelled or timed out."
      : "This browser could not use a passkey. Log in with your password instead.";
  }
  const result = await postJson("/api/auth/passkeys/login/verify", { credential });
  if (!result.ok) return result.error.detail;
  // A full navigation, as after a password login (login-form.tsx says why).
  window.location.assign(next);
  return null;
}
