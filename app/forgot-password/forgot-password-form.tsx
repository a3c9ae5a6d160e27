"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson } from "@/lib/client/api";
import { emailOnlySchema, type EmailOnlyInput } from "@/lib/schemas/account";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<EmailOnlyInput>({
    resolver: zodResolver(emailOnlySchema),
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
          <button type="button" className="link-button" onClick={() => setSent(null)}>
            try again
          </button>{" "}
          in a minute.
        </p>
        <Link className="button secondary" href="/login">
          Back to log in
        </Link>
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={formState.errors.email?.message}
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
