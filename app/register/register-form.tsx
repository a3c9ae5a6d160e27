"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson } from "@/lib/client/api";
import { registerSchema } from "@/lib/schemas/auth";

type Input = z.input<typeof registerSchema>;
type Output = z.output<typeof registerSchema>;
const FIELDS = ["username", "email", "password", "password2", "first_name", "last_name"] as const;

export function RegisterForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(registerSchema),
    mode: "onTouched",
  });
  const { register, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await postJson("/api/auth/register", values);
    if (result.ok) {
      router.push(`/verify-email/sent?email=${encodeURIComponent(values.email)}`);
      return;
    }
    setFormError(applyServerErrors(result.error, setError, FIELDS));
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <div className="row">
        <FormField
          label="First name"
          autoComplete="given-name"
          error={errors.first_name?.message}
          {...register("first_name")}
        />
        <FormField
          label="Last name"
          autoComplete="family-name"
          error={errors.last_name?.message}
          {...register("last_name")}
        />
      </div>
      <FormField
        label="Username"
        autoComplete="username"
        required
        error={errors.username?.message}
        {...register("username")}
      />
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={errors.email?.message}
        {...register("email")}
      />
      <NewPasswordFields
        form={form}
        password="password"
        confirm="password2"
        labels={{ password: "Password", confirm: "Confirm password" }}
        personal={["username", "email", "first_name", "last_name"]}
      />
      <SubmitButton pending={isSubmitting} pendingText="Creating account…">
        Create account
      </SubmitButton>
      <p className="muted footer-links">
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </form>
  );
}
