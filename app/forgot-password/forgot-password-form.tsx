"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashAlert, flashFieldError, flashValue, type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson } from "@/lib/client/api";
import { emailOnlySchema, type EmailOnlyInput } from "@/lib/schemas/account";

/** A plain form post to the route handler until JavaScript takes over; `flash` is what one left. */
export function ForgotPasswordForm({ flash = null }: { flash?: FormFlash }) {
  const [sent, setSent] = useState<string | null>(flash?.ok ? (flash.detail ?? null) : null);
  const [formError, setFormError] = useState<string | null>(flashAlert(flash, ["email"]));
  const { register, handleSubmit, setError, formState } = useForm<EmailOnlyInput>({
    resolver: zodResolver(emailOnlySchema),
    defaultValues: { email: flashValue(flash, "email") ?? "" },
    mode: "onTouched",
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await postJson<{ detail: string }>("/api/auth/password-reset", values);
    if (result.ok) setSent(result.data.detail);
    else setFormError(applyServerErrors(result.error, setError, ["email"]));
  });

  if (sent) {
    return (
      <>
        <FormAlert kind="success" message={sent} />
        <p className="muted">
          The link expires in one hour. No mail? Check spam, or{" "}
          <a
            href="/forgot-password"
            onClick={(event) => {
              event.preventDefault();
              setSent(null);
            }}
          >
            try again
          </a>{" "}
          in a minute.
        </p>
        <Link className="button secondary" href="/login">
          Back to log in
        </Link>
      </>
    );
  }
  return (
    <form method="post" action="/api/auth/password-reset" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={formState.errors.email?.message ?? flashFieldError(flash, "email", formState.submitCount)}
        defaultValue={flashValue(flash, "email")}
        {...register("email")}
      />
      <SubmitButton pending={formState.isSubmitting} pendingText="Sending…">
        Send reset link
      </SubmitButton>
      <p className="muted footer-links">
        Remembered it? <Link href="/login">Log in</Link>
      </p>
    </form>
  );
}
