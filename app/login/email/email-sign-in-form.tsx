"use client";

import Link from "next/link";
import { useState } from "react";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { flashValue, type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { continueToSecondFactor } from "@/lib/client/mfa-step";
import { emailCodeSchema, emailOnlySchema, type EmailOnlyInput } from "@/lib/schemas/email-sign-in";

type CodeInput = z.input<typeof emailCodeSchema>;
type CodeOutput = z.output<typeof emailCodeSchema>;

/** A flash from the code form (a wrong code) returns to it; anything else to the address form. */
function startsWithCode(flash: FormFlash): boolean {
  if (!flash) return false;
  return flash.ok || flash.code === "invalid_code" || Boolean(flash.fields?.code);
}

/**
 * Two steps on one page, each a plain form post until JavaScript takes over: the address (the
 * mail carries a link and a code), then the code, for a mail read on another device.
 */
export function EmailSignInForm({ next, email, flash = null }: { next: string; email: string; flash?: FormFlash }) {
  const [sentTo, setSentTo] = useState<string | null>(
    startsWithCode(flash) ? (flashValue(flash, "email") ?? email) : null,
  );
  if (sentTo !== null) {
    return (
      <CodeStep
        email={sentTo}
        next={next}
        flash={flash?.ok ? null : flash}
        sent={flash?.ok !== false}
        onRestart={() => setSentTo(null)}
      />
    );
  }
  return <AddressStep email={email} flash={flash} onSent={setSentTo} />;
}

function AddressStep({ email, flash, onSent }: { email: string; flash: FormFlash; onSent: (email: string) => void }) {
  const typed = flashValue(flash, "email") ?? email;
  const { register, onSubmit, formError, formState, errorOf } = useApiForm<EmailOnlyInput>({
    schema: emailOnlySchema,
    fields: ["email"],
    defaultValues: { email: typed },
    flash,
    send: (values) => postJson("/api/auth/login/email", values),
    onSuccess: (_, values) => onSent(values.email),
  });

  return (
    <form method="post" action="/api/auth/login/email" onSubmit={onSubmit} noValidate>
      <p className="lead">We will email you a link that signs you in, and a code to type here instead.</p>
      <FormAlert message={formError} />
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        autoFocus
        required
        error={errorOf("email")}
        defaultValue={typed}
        {...register("email")}
      />
      <SubmitButton pending={formState.isSubmitting} pendingText="Sending…">
        Email me a sign-in link
      </SubmitButton>
      <p className="muted footer-links">
        Prefer your password? <Link href="/login">Log in with a password</Link>
      </p>
    </form>
  );
}

function CodeStep({
  email,
  next,
  flash,
  sent,
  onRestart,
}: {
  email: string;
  next: string;
  flash: FormFlash;
  sent: boolean;
  onRestart: () => void;
}) {
  const { register, onSubmit, formError, formState, errorOf } = useApiForm<CodeInput, CodeOutput>({
    schema: emailCodeSchema,
    fields: ["code"],
    defaultValues: { email, code: "" },
    flash,
    send: (values) => postJson("/api/auth/login/email/verify", values),
    // A full navigation, as after a password login (app/login/login-form.tsx).
    onSuccess: () => window.location.assign(next),
    // Two-factor on: the emailed code was right, the authenticator's code is next.
    onRefused: (refusal) => continueToSecondFactor(refusal, next),
  });

  return (
    <form method="post" action="/api/auth/login/email/verify" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="next" value={next} />
      <input type="hidden" {...register("email")} value={email} />
      {sent ? (
        <FormAlert
          kind="success"
          message={`Check your inbox: if ${email} has an account, we have sent it a sign-in link and a code.`}
        />
      ) : null}
      <p className="muted">
        Open the link on this device, or type the 6-digit code from the mail. Both work once, for 10 minutes.
      </p>
      <FormAlert message={formError} />
      <FormField
        label="Code from the email"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
        maxLength={20}
        error={errorOf("code")}
        {...register("code")}
      />
      <SubmitButton pending={formState.isSubmitting} pendingText="Signing in…">
        Sign in
      </SubmitButton>
      <p className="muted footer-links">
        No mail, or a different address?{" "}
        <a
          href={`/login/email?email=${encodeURIComponent(email)}`}
          onClick={(event) => {
            event.preventDefault();
            onRestart();
          }}
        >
          Send a new link
        </a>
      </p>
    </form>
  );
}
