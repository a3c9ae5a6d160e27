"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashAlert, flashFieldError, flashValue, type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { applyServerErrors, postJson } from "@/lib/client/api";
import { continueToSecondFactor } from "@/lib/client/mfa-step";
import { loginFormSchema, type LoginInput } from "@/lib/schemas/auth";

const FIELDS = ["login", "password"];

/**
 * Posts to the route handler as a plain form until JavaScript takes over (no credentials in a
 * URL, ever); then the submit runs here. `flash` is what a form post without JavaScript left.
 */
export function LoginForm({ next, flash = null }: { next: string; flash?: FormFlash }) {
  const typed = flashValue(flash, "login") ?? "";
  const [formError, setFormError] = useState<string | null>(flashAlert(flash, FIELDS));
  const [offerResend, setOfferResend] = useState(flash?.code === "invalid_credentials");
  const [loginValue, setLoginValue] = useState(typed.includes("@") ? typed : "");
  const { register, handleSubmit, setError, formState } = useForm<LoginInput>({
    resolver: zodResolver(loginFormSchema),
    defaultValues: { login: typed },
    mode: "onTouched",
  });
  const { errors, isSubmitting, submitCount } = formState;

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
    // Two-factor on: the password was right, the code step is next (its token is in a cookie).
    if (continueToSecondFactor(result, next)) return;
    // Wrong credentials and an unconfirmed email answer alike (no enumeration): offer both ways on.
    setOfferResend(result.error.code === "invalid_credentials");
    setLoginValue(values.login.includes("@") ? values.login : "");
    setFormError(applyServerErrors(result.error, setError, FIELDS));
  });

  return (
    <form method="post" action="/api/auth/login" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="next" value={next} />
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
        // "webauthn": the browser may offer saved passkeys here (passkey-sign-in.tsx).
        autoComplete="username webauthn"
        // A message from the server takes focus instead: the field must not start touched
        // (its blur would call an empty field wrong before anyone typed).
        autoFocus={formError === null}
        required
        error={errors.login?.message ?? flashFieldError(flash, "login", submitCount)}
        defaultValue={typed}
        {...register("login")}
      />
      <FormField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message ?? flashFieldError(flash, "password", submitCount)}
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
