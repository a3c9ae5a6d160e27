"use client";

import { useRef, useState } from "react";
import type { z } from "zod";
import { AskFirst, CancelStep } from "@/components/confirm-step";
import { FormAlert } from "@/components/form-alert";
import { type FormFlash } from "@/components/form-flash";
import { useApiForm } from "@/components/use-api-form";
import { emptyProof, ProofField } from "./proof-field";
import { sendJson } from "@/lib/client/api";
import { accountDeleteSchema } from "@/lib/schemas/account-lifecycle";

type Input = z.input<typeof accountDeleteSchema>;
type Output = z.output<typeof accountDeleteSchema>;

/**
 * Export (a plain download link) and deletion, which asks first and says what goes: in place with
 * JavaScript, as the page `?confirm=delete-account` without it (the form then posts to
 * /api/auth/user/delete; `flash` is what that post left when it was refused).
 */
export function AccountData({
  confirm = false,
  flash = null,
  hasPassword,
  reauthSent = null,
}: {
  confirm?: boolean;
  flash?: FormFlash;
  /** False for an account made by a provider sign-in: a mailed code stands in for the password. */
  hasPassword: boolean;
  /** What asking for that code without JavaScript answered (the question stays open). */
  reauthSent?: string | null;
}) {
  const [confirming, setConfirming] = useState(confirm || reauthSent !== null || (flash !== null && !flash.ok));
  const opener = useRef<HTMLButtonElement>(null);
  const { register, onSubmit, formError, setFormError, formState, errorOf, reset } = useApiForm<Input, Output>({
    schema: accountDeleteSchema,
    fields: ["password", "code"],
    defaultValues: emptyProof(hasPassword),
    flash,
    send: (values) => sendJson("DELETE", "/api/auth/user", values),
    // A full navigation on purpose: nothing of the signed-in app may stay in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    onSuccess: () => window.location.assign("/goodbye"),
    signedIn: true,
  });

  function cancel() {
    setConfirming(false);
    setFormError(null);
    reset(emptyProof(hasPassword));
    requestAnimationFrame(() => opener.current?.focus());
  }

  return (
    <>
      <h3 className="subheading">Export</h3>
      <p className="muted">
        A JSON file with your profile, your sessions and your security activity. It holds no password or token.
      </p>
      <div className="actions-row">
        <a className="button secondary" href="/account/export" download>
          Download my data
        </a>
      </div>

      <h3 className="subheading">Delete account</h3>
      {confirming ? (
        <form
          method="post"
          action="/api/auth/user/delete"
          onSubmit={onSubmit}
          noValidate
          aria-labelledby="delete-question"
          className="danger-zone"
        >
          <p id="delete-question" className="confirm-question">
            Delete your account for good?
          </p>
          <p>This deletes, at once and for ever:</p>
          <ul className="delete-list">
            <li>your profile: username, email address, name, bio and picture;</li>
            <li>every session: all your devices are signed out;</li>
            <li>your security activity and remembered devices;</li>
            <li>pending email-change and password-reset links.</li>
          </ul>
          <p className="muted">
            Your username and address become free for anyone. We keep only an anonymous note that an account was
            deleted. A goodbye mail goes to your address.
          </p>
          <FormAlert message={formError} />
          <ProofField
            hasPassword={hasPassword}
            section="delete"
            returnTo="/account?confirm=delete-account#delete-question"
            sent={reauthSent}
            password={register("password")}
            code={register("code")}
            error={errorOf}
            autoFocus
          />
          <div className="actions-row">
            <button
              type="submit"
              className="button danger"
              disabled={formState.isSubmitting}
              aria-disabled={formState.isSubmitting}
            >
              {formState.isSubmitting ? (
                <>
                  <span className="spinner" aria-hidden="true" />
                  Deleting…
                </>
              ) : (
                "Delete my account permanently"
              )}
            </button>
            <CancelStep onCancel={cancel} disabled={formState.isSubmitting} />
          </div>
        </form>
      ) : (
        <>
          <p className="muted">Your account and everything stored with it is removed. This cannot be undone.</p>
          <AskFirst
            step="delete-account"
            questionId="delete-question"
            onAsk={() => setConfirming(true)}
            buttonRef={opener}
          >
            Delete account…
          </AskFirst>
        </>
      )}
    </>
  );
}
