"use client";

import Link from "next/link";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashValue, type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { continueToSecondFactor } from "@/lib/client/mfa-step";
import { loginFormSchema, type LoginInput } from "@/lib/schemas/auth";

const FIELDS = ["login", "password"];

/**
 * Posts to the route handler as a plain form until JavaScript takes over (no credentials in a
 * URL, ever); then the submit runs here. `flash` is what a form post without JavaScript left.
 */
export function LoginForm({ next, flash = null }: { next: string; flash?: FormFlash }) {
  const typed = flashValue(flash, "login") ?? "";
  const [offerResend, setOfferResend] = useState(flash?.code === "invalid_credentials");
  const [loginValue, setLoginValue] = useState(typed.includes("@") ? typed : "");
  const { register, onSubmit, formError, formState, errorOf } = useApiForm<LoginInput>({
    schema: loginFormSchema,
    fields: FIELDS,
    defaultValues: { login: typed },
    flash,
    onSubmitting: () => setOfferResend(false),
    send: (values) => postJson("/api/auth/login", values),
    // A full navigation: the client router cache still holds what signed-out prefetches
    // answered (e.g. /account → 307 /login?next=/account), and router.replace would follow
    // that stale redirect back here.
    onSuccess: () => window.location.assign(next),
    onRefused: (refusal, values) => {
      // Two-factor on: the password was right, the code step is next (its token is in a cookie).
      if (continueToSecondFactor(refusal, next)) return true;
      // Wrong credentials and an unconfirmed email answer alike (no enumeration): offer both ways on.
      setOfferResend(refusal.error.code === "invalid_credentials");
      setLoginValue(values.login.includes("@") ? values.login : "");
    },
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
        error={errorOf("login")}
        defaultValue={typed}
        {...register("login")}
      />
      <FormField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errorOf("password")}
        {...register("password")}
      />
      <p className="muted" style={{ margin: "-0.4rem 0 1rem", textAlign: "right" }}>
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      <SubmitButton pending={formState.isSubmitting} pendingText="Logging in…">
        Log in
      </SubmitButton>
      <p className="muted footer-links">
        New here? <Link href="/register">Create an account</Link>
      </p>
    </form>
  );
}
