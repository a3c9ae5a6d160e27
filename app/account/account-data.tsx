"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashAlert, flashFieldError, type FormFlash } from "@/components/form-flash";
import { applyServerErrors, sendJson } from "@/lib/client/api";
import { accountDeleteSchema } from "@/lib/schemas/account-lifecycle";

type Input = z.input<typeof accountDeleteSchema>;
type Output = z.output<typeof accountDeleteSchema>;

/**
 * Export (a plain download link) and deletion, which asks first and says what goes: in place with
 * JavaScript, as the page `?confirm=delete-account` without it (the form then posts to
 * /api/auth/user/delete; `flash` is what that post left when it was refused).
 */
export function AccountData({ confirm = false, flash = null }: { confirm?: boolean; flash?: FormFlash }) {
  const [confirming, setConfirming] = useState(confirm || (flash !== null && !flash.ok));
  const [formError, setFormError] = useState<string | null>(flashAlert(flash, ["password"]));
  const opener = useRef<HTMLButtonElement>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<Input, unknown, Output>({
    resolver: zodResolver(accountDeleteSchema),
    mode: "onTouched",
  });
  const { errors, isSubmitting, submitCount } = formState;

  const onDelete = handleSubmit(async (values) => {
    setFormError(null);
    const result = await sendJson<{ detail: string }>("DELETE", "/api/auth/user", values);
    if (!result.ok) return setFormError(applyServerErrors(result.error, setError, ["password"]));
    // A full navigation on purpose: nothing of the signed-in app may stay in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/goodbye");
  });

  function cancel() {
    setConfirming(false);
    setFormError(null);
    reset({ password: "" });
    requestAnimationFrame(() => opener.current?.focus());
  }

  return (
    <>
      <h3 className="subheading">Export</h3>
      <p className="muted">
        A JSON file with your profile, your sessions and your security activity. It holds no password or token.
      </p>
      <div className="actions-row">
        <a className="button secondary" href="/api/auth/user/export" download>
          Download my data
        </a>
      </div>

      <h3 className="subheading">Delete account</h3>
      {confirming ? (
        <form
          method="post"
          action="/api/auth/user/delete"
          onSubmit={onDelete}
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
          <FormField
            label="Your password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            error={errors.password?.message ?? flashFieldError(flash, "password", submitCount)}
            {...register("password")}
          />
          <div className="actions-row">
            <button type="submit" className="button danger" disabled={isSubmitting} aria-disabled={isSubmitting}>
              {isSubmitting ? (
                <>
                  <span className="spinner" aria-hidden="true" />
                  Deleting…
                </>
              ) : (
                "Delete my account permanently"
              )}
            </button>
            {/* Without JavaScript: back to the page as it was, a GET that changes nothing. */}
            <button
              type="submit"
              formMethod="get"
              formAction="/account"
              formNoValidate
              className="button secondary"
              disabled={isSubmitting}
              onClick={(event) => {
                event.preventDefault();
                cancel();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="muted">Your account and everything stored with it is removed. This cannot be undone.</p>
          <form
            method="get"
            action="/account#delete-question"
            className="actions-row"
            onSubmit={(event) => {
              event.preventDefault();
              setConfirming(true);
            }}
          >
            <input type="hidden" name="confirm" value="delete-account" />
            <button ref={opener} type="submit" className="button danger">
              Delete account…
            </button>
          </form>
        </>
      )}
    </>
  );
}
