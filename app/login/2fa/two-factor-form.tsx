"use client";

import { useState } from "react";
import { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson } from "@/lib/client/api";
import { recoveryCodeField, totpCodeField } from "@/lib/schemas/two-factor";

const schemas = {
  code: z.object({ code: totpCodeField }),
  recovery_code: z.object({ recovery_code: recoveryCodeField }),
};
type Field = keyof typeof schemas;
type Values = { code?: string; recovery_code?: string };

/** The flash of the first step (`mfa_required`) is where this page starts, not an error. */
function errorFlash(flash: FormFlash): FormFlash {
  return flash?.code === "mfa_required" ? null : flash;
}

/**
 * The code from the authenticator app, or a recovery code instead: each a plain form post to
 * the route handler until JavaScript takes over (the switch is a link that works without it).
 */
export function TwoFactorForm({ next, recovery, flash }: { next: string; recovery: boolean; flash: FormFlash }) {
  const [field, setField] = useState<Field>(recovery || flash?.fields?.recovery_code ? "recovery_code" : "code");
  return <CodeForm key={field} field={field} next={next} flash={errorFlash(flash)} onSwitch={setField} />;
}

function CodeForm({
  field,
  next,
  flash,
  onSwitch,
}: {
  field: Field;
  next: string;
  flash: FormFlash;
  onSwitch: (field: Field) => void;
}) {
  const [expired, setExpired] = useState(false);
  const { register, onSubmit, formError, formState, errorOf } = useApiForm<Values>({
    schema: schemas[field] as z.ZodType<Values, Values>,
    fields: [field],
    flash,
    send: (values) => postJson("/api/auth/login/2fa", { [field]: values[field] }),
    // A full navigation, as after a password login (app/login/login-form.tsx).
    onSuccess: () => window.location.assign(next),
    onRefused: (refusal) => setExpired(refusal.error.code === "mfa_token_invalid"),
  });
  const other: Field = field === "code" ? "recovery_code" : "code";
  const otherHref = `/login/2fa?next=${encodeURIComponent(next)}${other === "recovery_code" ? "&use=recovery" : ""}`;

  return (
    <form method="post" action="/api/auth/login/2fa" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="next" value={next} />
      <p className="lead">
        {field === "code"
          ? "Open your authenticator app and enter the 6-digit code it shows for ASTROWORLD."
          : "Enter one of the recovery codes you saved when you turned on two-factor authentication. Each works once."}
      </p>
      <FormAlert message={formError} />
      {expired ? (
        <p className="muted">
          <a href={`/login?next=${encodeURIComponent(next)}`}>Log in again</a>
        </p>
      ) : null}
      {field === "code" ? (
        <FormField
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={16}
          error={errorOf("code")}
          {...register("code")}
        />
      ) : (
        <FormField
          label="Recovery code"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          required
          maxLength={32}
          hint="Ten characters, like 7kq2m-x9c4d."
          error={errorOf("recovery_code")}
          {...register("recovery_code")}
        />
      )}
      <SubmitButton pending={formState.isSubmitting} pendingText="Checking…">
        Verify and sign in
      </SubmitButton>
      <p className="muted footer-links">
        <a
          href={otherHref}
          onClick={(event) => {
            event.preventDefault();
            onSwitch(other);
          }}
        >
          {other === "recovery_code" ? "Lost your phone? Use a recovery code" : "Use the code from your app instead"}
        </a>
      </p>
    </form>
  );
}
