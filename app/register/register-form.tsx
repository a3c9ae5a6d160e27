"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashFieldError, flashValue, type FormFlash } from "@/components/form-flash";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { registerSchema } from "@/lib/schemas/auth";

type Input = z.input<typeof registerSchema>;
type Output = z.output<typeof registerSchema>;
const FIELDS = ["username", "email", "password", "password2", "first_name", "last_name"] as const;

/** A plain form post to the route handler until JavaScript takes over; `flash` is what one left. */
export function RegisterForm({ flash = null }: { flash?: FormFlash }) {
  const router = useRouter();
  const form = useApiForm<Input, Output>({
    schema: registerSchema,
    fields: FIELDS,
    defaultValues: {
      username: flashValue(flash, "username") ?? "",
      email: flashValue(flash, "email") ?? "",
      first_name: flashValue(flash, "first_name") ?? "",
      last_name: flashValue(flash, "last_name") ?? "",
    },
    flash,
    send: (values) => postJson("/api/auth/register", values),
    onSuccess: (_, values) => router.push(`/verify-email/sent?email=${encodeURIComponent(values.email)}`),
  });
  const { register, onSubmit, formError, formState, errorOf } = form;
  const serverError = (name: (typeof FIELDS)[number]) => flashFieldError(flash, name, formState.submitCount);

  return (
    <form method="post" action="/api/auth/register" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <div className="row">
        <FormField
          label="First name"
          autoComplete="given-name"
          autoFocus={formError === null}
          error={errorOf("first_name")}
          defaultValue={flashValue(flash, "first_name")}
          {...register("first_name")}
        />
        <FormField
          label="Last name"
          autoComplete="family-name"
          error={errorOf("last_name")}
          defaultValue={flashValue(flash, "last_name")}
          {...register("last_name")}
        />
      </div>
      <FormField
        label="Username"
        autoComplete="username"
        required
        error={errorOf("username")}
        defaultValue={flashValue(flash, "username")}
        {...register("username")}
      />
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={errorOf("email")}
        defaultValue={flashValue(flash, "email")}
        {...register("email")}
      />
      <NewPasswordFields
        form={form}
        password="password"
        confirm="password2"
        labels={{ password: "Password", confirm: "Confirm password" }}
        personal={["username", "email", "first_name", "last_name"]}
        serverErrors={{ password: serverError("password"), password2: serverError("password2") }}
      />
      <SubmitButton pending={formState.isSubmitting} pendingText="Creating account…">
        Create account
      </SubmitButton>
      <p className="muted footer-links">
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </form>
  );
}
