"use client";

import Link from "next/link";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashValue, type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { emailOnlySchema, type EmailOnlyInput } from "@/lib/schemas/account";

/** A plain form post to the route handler until JavaScript takes over; `flash` is what one left. */
export function ForgotPasswordForm({ flash = null }: { flash?: FormFlash }) {
  const [sent, setSent] = useState<string | null>(flash?.ok ? (flash.detail ?? null) : null);
  const { register, onSubmit, formError, formState, errorOf } = useApiForm<
    EmailOnlyInput,
    EmailOnlyInput,
    { detail: string }
  >({
    schema: emailOnlySchema,
    fields: ["email"],
    defaultValues: { email: flashValue(flash, "email") ?? "" },
    flash,
    send: (values) => postJson("/api/auth/password-reset", values),
    onSuccess: (data) => setSent(data.detail),
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
        error={errorOf("email")}
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
