"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson } from "@/lib/client/api";
import { loginFormSchema, type LoginInput } from "@/lib/schemas/auth";

export function LoginForm({ next }: { next: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [offerResend, setOfferResend] = useState(false);
  const [loginValue, setLoginValue] = useState("");
  const { register, handleSubmit, setError, formState } = useForm<LoginInput>({
    resolver: zodResolver(loginFormSchema),
    mode: "onTouched",
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setOfferResend(false);
    const result = await postJson("/api/auth/login", values);
    if (result.ok) {
      // A full navigation: the client router cache still holds what signed-out prefetches
      // answered (e.g. /account → 307 /login?next=/account), and router.replace would follow
      // that stale redirect back here.
      window.location.assign(next);
      return;
    }
    // Wrong credentials and an unconfirmed email answer alike (no enumeration): offer both ways on.
    setOfferResend(result.error.code === "invalid_credentials");
    setLoginValue(values.login.includes("@") ? values.login : "");
    setFormError(applyServerErrors(result.error, setError, ["login", "password"]));
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      {offerResend ? (
        <p className="muted">
          Did not get the mail?{" "}
          <Link href={`/verify-email/sent?email=${encodeURIComponent(loginValue)}`}>
            Send the verification link again
          </Link>
          .
        </p>
      ) : null}
      <FormField
        label="Username or email"
        autoComplete="username"
        required
        error={errors.login?.message}
        {...register("login")}
      />
      <FormField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...register("password")}
      />
      <p className="muted" style={{ margin: "-0.4rem 0 1rem", textAlign: "right" }}>
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      <SubmitButton pending={isSubmitting} pendingText="Logging in…">
        Log in
      </SubmitButton>
      <p className="muted footer-links">
        New here? <Link href="/register">Create an account</Link>
      </p>
    </form>
  );
}
