"use client";

import Link from "next/link";
import { useState } from "react";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { flashFieldError, type FormFlash } from "@/components/form-flash";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { passwordResetConfirmSchema } from "@/lib/schemas/account";

type Input = z.input<typeof passwordResetConfirmSchema>;
type Output = z.output<typeof passwordResetConfirmSchema>;
const LINK_ERRORS = ["invalid_token", "token_expired", "token_used"];

const FIELDS = ["new_password", "new_password2"];

/** A plain form post to the route handler until JavaScript takes over; `flash` is what one left. */
export function ResetPasswordForm({
  uid,
  token,
  flash = null,
  deadLink = null,
}: {
  uid: string;
  token: string;
  flash?: FormFlash;
  /** Why the link cannot be used, as checked when the page was served. */
  deadLink?: string | null;
}) {
  const [done, setDone] = useState<string | null>(flash?.ok ? (flash.detail ?? null) : null);
  const [linkError, setLinkError] = useState<string | null>(
    flash && !flash.ok && LINK_ERRORS.includes(flash.code ?? "")
      ? (flash.detail ?? null)
      : uid && token
        ? deadLink
        : "This link is incomplete. Open the link from your email again.",
  );
  const form = useApiForm<Input, Output, { detail: string }>({
    schema: passwordResetConfirmSchema,
    fields: FIELDS,
    defaultValues: { uid, token },
    flash,
    send: (values) => postJson("/api/auth/password-reset-confirm", values),
    onSuccess: (data) => setDone(data.detail),
    onRefused: (refusal) => {
      if (!LINK_ERRORS.includes(refusal.error.code)) return false;
      setLinkError(refusal.error.detail);
      return true;
    },
  });
  const { onSubmit, formError, formState } = form;
  const { isSubmitting, submitCount } = formState;

  if (done) {
    return (
      <>
        <FormAlert kind="success" message={done} />
        <Link className="button" href="/login">
          Log in
        </Link>
      </>
    );
  }
  if (linkError) {
    return (
      <>
        <FormAlert message={linkError} />
        <Link className="button" href="/forgot-password">
          Request a new link
        </Link>
      </>
    );
  }
  return (
    <form method="post" action="/api/auth/password-reset-confirm" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      {/* Only while choosing: after success or on a dead link this would be the wrong message. */}
      <p className="lead">Every device signed in to your account will be signed out.</p>
      <FormAlert message={formError} />
      <NewPasswordFields
        form={form}
        password="new_password"
        confirm="new_password2"
        serverErrors={{
          new_password: flashFieldError(flash, "new_password", submitCount),
          new_password2: flashFieldError(flash, "new_password2", submitCount),
        }}
      />
      <SubmitButton pending={isSubmitting} pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
