"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson } from "@/lib/client/api";
import { passwordResetConfirmSchema } from "@/lib/schemas/account";

type Input = z.input<typeof passwordResetConfirmSchema>;
type Output = z.output<typeof passwordResetConfirmSchema>;
const LINK_ERRORS = ["invalid_token", "token_expired", "token_used"];

export function ResetPasswordForm({ uid, token }: { uid: string; token: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(
    uid && token ? null : "This link is incomplete. Open the link from your email again.",
  );
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(passwordResetConfirmSchema),
    defaultValues: { uid, token },
    mode: "onTouched",
  });
  const { handleSubmit, setError, formState } = form;
  const { isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await postJson<{ detail: string }>("/api/auth/password-reset-confirm", values);
    if (result.ok) return setDone(result.data.detail);
    if (LINK_ERRORS.includes(result.error.code)) return setLinkError(result.error.detail);
    setFormError(applyServerErrors(result.error, setError, ["new_password", "new_password2"]));
  });

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
    <form onSubmit={onSubmit} noValidate>
      {/* Only while choosing: after success or on a dead link this would be the wrong message. */}
      <p className="lead">Every device signed in to your account will be signed out.</p>
      <FormAlert message={formError} />
      <NewPasswordFields form={form} password="new_password" confirm="new_password2" />
      <SubmitButton pending={isSubmitting} pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
