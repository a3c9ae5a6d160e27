"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashFieldError, type FormFlash } from "@/components/form-flash";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { passwordChangeSchema } from "@/lib/schemas/account";

type Input = z.input<typeof passwordChangeSchema>;
type Output = z.output<typeof passwordChangeSchema>;

const FIELDS = ["current_password", "new_password", "new_password2"];

/** Posts to /api/auth/password-change until JavaScript takes over; `flash` is what such a post left (never a password). */
export function PasswordForm({ flash = null }: { flash?: FormFlash }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(flash?.ok ? (flash.detail ?? null) : null);
  const form = useApiForm<Input, Output, { detail: string }>({
    schema: passwordChangeSchema,
    fields: FIELDS,
    flash,
    onSubmitting: () => setSaved(null),
    send: (values) => postJson("/api/auth/password-change", values),
    onSuccess: (data) => {
      form.reset({ current_password: "", new_password: "", new_password2: "" });
      setSaved(data.detail);
      router.refresh();
    },
    signedIn: true,
  });
  const { register, onSubmit, formError, formState, errorOf } = form;

  return (
    <form method="post" action="/api/auth/password-change" onSubmit={onSubmit} noValidate aria-label="Change password">
      <FormAlert message={formError} />
      <FormAlert kind="success" message={saved} />
      <FormField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errorOf("current_password")}
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
        <SubmitButton pending={formState.isSubmitting} pendingText="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
