"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashAlert, flashFieldError, type FormFlash } from "@/components/form-flash";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson, reloadIfSignedOut } from "@/lib/client/api";
import { passwordChangeSchema } from "@/lib/schemas/account";

type Input = z.input<typeof passwordChangeSchema>;
type Output = z.output<typeof passwordChangeSchema>;

const FIELDS = ["current_password", "new_password", "new_password2"];

/** Posts to /api/auth/password-change until JavaScript takes over; `flash` is what such a post left (never a password). */
export function PasswordForm({ flash = null }: { flash?: FormFlash }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(flash?.ok ? (flash.detail ?? null) : null);
  const [formError, setFormError] = useState<string | null>(flashAlert(flash, FIELDS));
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(passwordChangeSchema),
    mode: "onTouched",
  });
  const { register, handleSubmit, setError, reset, formState } = form;
  const { errors, isSubmitting, submitCount } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setSaved(null);
    setFormError(null);
    const result = await postJson<{ detail: string }>("/api/auth/password-change", values);
    if (reloadIfSignedOut(result)) return;
    if (!result.ok) return setFormError(applyServerErrors(result.error, setError, FIELDS));
    reset({ current_password: "", new_password: "", new_password2: "" });
    setSaved(result.data.detail);
    router.refresh();
  });

  return (
    <form method="post" action="/api/auth/password-change" onSubmit={onSubmit} noValidate aria-label="Change password">
      <FormAlert message={formError} />
      <FormAlert kind="success" message={saved} />
      <FormField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.current_password?.message ?? flashFieldError(flash, "current_password", submitCount)}
        {...register("current_password")}
      />
      <NewPasswordFields
        form={form}
        password="new_password"
        confirm="new_password2"
        serverErrors={{
          new_password: flashFieldError(flash, "new_password", 0),
          new_password2: flashFieldError(flash, "new_password2", 0),
        }}
      />
      <div className="form-actions">
        <SubmitButton pending={isSubmitting} pendingText="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
