"use client";

import { useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FormField } from "@/components/form-field";
import { postJson, reloadIfSignedOut } from "@/lib/client/api";

/**
 * The empty value of the one proof field a form shows. Only that one may be in the form's
 * values: an empty password beside a typed code would fail the schema on a field nobody sees.
 */
export function emptyProof(hasPassword: boolean): { password: string } | { code: string } {
  return hasPassword ? { password: "" } : { code: "" };
}

/**
 * What confirms a sensitive change on /account: the current password, or, for an account that
 * has none (made by a provider sign-in), a code mailed on request. The request is a button of
 * the same form posting to /api/auth/reauth-code, which works without JavaScript too (the page
 * comes back with `sent`, what that post left); with it, the code is asked for in place.
 */
export function ProofField({
  hasPassword,
  section,
  returnTo,
  sent: sentBefore,
  password,
  code,
  error,
  autoFocus,
}: {
  hasPassword: boolean;
  /** Which form asked, so the page shows the "sent" message beside it after a post without JavaScript. */
  section: string;
  /** Where a post without JavaScript comes back to (this form on /account). */
  returnTo: string;
  sent: string | null;
  password: UseFormRegisterReturn;
  code: UseFormRegisterReturn;
  error: (name: "password" | "code") => string | undefined;
  autoFocus?: boolean;
}) {
  const [sent, setSent] = useState(sentBefore);
  const [sending, setSending] = useState(false);
  if (hasPassword) {
    return (
      <FormField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus={autoFocus}
        error={error("password")}
        {...password}
      />
    );
  }

  async function ask(event: React.MouseEvent) {
    event.preventDefault();
    setSending(true);
    const result = await postJson<{ detail: string }>("/api/auth/reauth-code");
    setSending(false);
    if (reloadIfSignedOut(result)) return;
    setSent(result.ok ? result.data.detail : result.error.detail);
  }

  return (
    <>
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="next" value={returnTo} />
      {/* Enter in a field presses a form's first submit button: this one submits the form as
          its own button does, so Enter never asks for a code instead. */}
      <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      <FormField
        label="Code from the email"
        inputMode="numeric"
        autoComplete="one-time-code"
        hint="Your account has no password: we email you a code to confirm it's you."
        required
        autoFocus={autoFocus}
        maxLength={20}
        error={error("code")}
        below={
          <p className="muted proof-request">
            {/* The live region holds the message only, so the button's name is not read out with it. */}
            <span role="status">{sent ? `${sent} ` : null}</span>
            <button
              type="submit"
              className="link-button"
              formAction="/api/auth/reauth-code"
              formMethod="post"
              formNoValidate
              onClick={ask}
              disabled={sending}
            >
              {sending ? "Sending…" : sent ? "Send another code" : "Email me a code"}
            </button>
          </p>
        }
        {...code}
      />
    </>
  );
}
