"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson } from "@/lib/client/api";
import { passwordChangeSchema } from "@/lib/schemas/account";

type Input = z.input<typeof passwordChangeSchema>;
type Output = z.output<typeof passwordChangeSchema>;

export function PasswordForm() {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(passwordChangeSchema),
    mode: "onTouched",
  });
  const { register, handleSubmit, setError, reset, formState } = form;
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setSaved(null);
    setFormError(null);
    const result = await postJson<{ detail: string }>("/api/auth/password-change", values);
    if (!result.ok)
      return setFormError(
        applyServerErrors(result.error, setError, ["current_password", "new_password", "new_password2"]),
      );
    reset({ current_password: "", new_password: "", new_password2: "" });
    setSaved(result.data.detail);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change password">
      <FormAlert message={formError} />
      <FormAlert kind="success" message={saved} />
      <FormField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.current_password?.message}
        {...register("current_password")}
      />
      <NewPasswordFields form={form} password="new_password" confirm="new_password2" />
      <div className="form-actions">
        <SubmitButton pending={isSubmitting} pendingText="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
