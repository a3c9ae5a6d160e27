"use client";

import { useState } from "react";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashValue, type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { emptyProof, ProofField } from "./proof-field";
import { postJson } from "@/lib/client/api";
import { emailChangeSchema } from "@/lib/schemas/account-lifecycle";

type Input = z.input<typeof emailChangeSchema>;
type Output = z.output<typeof emailChangeSchema>;
const FIELDS = ["new_email", "password", "code"] as const;

/**
 * Asks for a confirmation link to the new address; nothing changes until it is opened. Posts to
 * the route as a plain form until JavaScript takes over; `flash` is what such a post left.
 */
export function EmailChangeForm({
  flash = null,
  hasPassword,
  reauthSent = null,
}: {
  flash?: FormFlash;
  /** False for an account made by a provider sign-in: a mailed code stands in for the password. */
  hasPassword: boolean;
  /** What asking for that code without JavaScript answered. */
  reauthSent?: string | null;
}) {
  const [sent, setSent] = useState<string | null>(flash?.ok ? (flash.detail ?? null) : null);
  const { register, onSubmit, formError, formState, errorOf, reset } = useApiForm<Input, Output, { detail: string }>({
    schema: emailChangeSchema,
    fields: FIELDS,
    defaultValues: { new_email: flash?.ok ? "" : (flashValue(flash, "new_email") ?? ""), ...emptyProof(hasPassword) },
    flash,
    onSubmitting: () => setSent(null),
    send: (values) => postJson("/api/auth/email-change", values),
    onSuccess: (data) => {
      reset({ new_email: "", ...emptyProof(hasPassword) });
      setSent(data.detail);
    },
    signedIn: true,
  });

  return (
    <form
      method="post"
      action="/api/auth/email-change"
      onSubmit={onSubmit}
      onChange={() => setSent(null)}
      noValidate
      aria-label="Change email address"
    >
      <FormAlert message={formError} />
      <FormField
        label="New email address"
        type="email"
        autoComplete="email"
        required
        error={errorOf("new_email")}
        {...register("new_email")}
      />
      <ProofField
        hasPassword={hasPassword}
        section="email"
        returnTo="/account#email-title"
        sent={reauthSent}
        password={register("password")}
        code={register("code")}
        error={errorOf}
      />
      <div className="form-actions">
        <SubmitButton pending={formState.isSubmitting} pendingText="Sending…">
          Send confirmation link
        </SubmitButton>
      </div>
      <FormAlert kind="success" message={sent} />
    </form>
  );
}
