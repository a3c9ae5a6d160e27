"use client";

import { useEffect, useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { emailOnlySchema, type EmailOnlyInput } from "@/lib/schemas/account";

const COOLDOWN_SECONDS = 60;
// Under "Did not get it?": a reply to that question. It says no more than the API's answer
// (which never tells whether the address has an account), in the words of this page.
export const RESENT =
  "Sent again. If the address still needs confirming, a new link is on its way: give it a minute, and check your spam folder too.";

/** Resend with a visible cooldown, so impatient clicks do not flood the inbox. */
export function ResendVerificationForm({ email, flash = null }: { email: string; flash?: FormFlash }) {
  const [message, setMessage] = useState<string | null>(flash?.ok ? RESENT : null);
  const [cooldown, setCooldown] = useState(0);
  const { register, onSubmit, formError, formState, errorOf } = useApiForm<EmailOnlyInput>({
    schema: emailOnlySchema,
    fields: ["email"],
    defaultValues: { email },
    flash,
    onSubmitting: () => setMessage(null),
    send: (values) => postJson("/api/auth/email-verify/resend", values),
    onSuccess: () => {
      setMessage(RESENT);
      setCooldown(COOLDOWN_SECONDS);
    },
  });

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  return (
    <form method="post" action="/api/auth/email-verify/resend" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={errorOf("email")}
        defaultValue={email}
        {...register("email")}
      />
      {cooldown > 0 ? (
        <button type="button" className="button secondary" disabled aria-live="polite">
          Send again in {cooldown}s
        </button>
      ) : (
        <SubmitButton pending={formState.isSubmitting} pendingText="Sending…">
          Resend verification email
        </SubmitButton>
      )}
      <FormAlert kind="success" message={message} />
    </form>
  );
}
