"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitOrCancel } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import { postJson, reloadIfSignedOut } from "@/lib/client/api";
import type { RecoveryCodes, TotpEnrolment, TwoFactorStatus } from "@/lib/client/types";
import { recoveryCodeField, totpCodeField } from "@/lib/schemas/two-factor";

type Panel = "idle" | "setup" | "codes" | "regenerate" | "disable";

const when = (iso: string) =>
  `${new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/** Turn on (QR code, secret, confirm), recovery codes shown once, new codes, turn off. */
export function TwoFactorManager({ status }: { status: TwoFactorStatus }) {
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>("idle");
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  async function start() {
    setStarting(true);
    setError(null);
    setDone(null);
    const result = await postJson<TotpEnrolment>("/api/auth/2fa/enrol");
    setStarting(false);
    if (reloadIfSignedOut(result)) return;
    if (!result.ok) return setError(result.error.detail);
    setEnrolment(result.data);
    setPanel("setup");
  }

  function showCodes(fresh: string[]) {
    setCodes(fresh);
    setPanel("codes");
  }

  function finish(message: string | null) {
    setPanel("idle");
    setCodes([]);
    setEnrolment(null);
    setDone(message);
    router.refresh();
  }

  if (panel === "setup" && enrolment) {
    return <SetupPanel enrolment={enrolment} onConfirmed={showCodes} onCancel={() => finish(null)} />;
  }
  if (panel === "codes") return <RecoveryCodesPanel codes={codes} onDone={() => finish(null)} />;
  if (panel === "regenerate") return <RegenerateForm onDone={showCodes} onCancel={() => setPanel("idle")} />;
  if (panel === "disable") {
    return <DisableForm onDone={() => finish("Two-factor authentication is off.")} onCancel={() => setPanel("idle")} />;
  }

  return (
    <>
      <FormAlert message={error} />
      <FormAlert kind="success" message={done} />
      {status.enabled ? (
        <>
          <ul className="list" aria-label="Two-factor authentication status">
            <li data-testid="two-factor-status">
              <div>
                <strong>Authenticator app</strong>
                <span className="badge">On</span>
                <div className="meta">
                  {status.enabled_at ? `turned on ${when(status.enabled_at)}` : null}
                  {status.last_used_at ? ` · last used ${when(status.last_used_at)}` : ""}
                </div>
              </div>
            </li>
            <li data-testid="recovery-codes-left">
              <div>
                <strong>Recovery codes</strong>
                <div className="meta">
                  {status.recovery_codes_left} of 10 left
                  {status.recovery_codes_left <= 3 ? " · make a new set before you run out" : ""}
                </div>
              </div>
            </li>
          </ul>
          <div className="actions-row">
            <button type="button" className="button secondary small" onClick={() => setPanel("regenerate")}>
              New recovery codes
            </button>
            <button type="button" className="button secondary small" onClick={() => setPanel("disable")}>
              Turn off
            </button>
          </div>
        </>
      ) : (
        <>
          <p data-testid="two-factor-status">
            <strong>Off.</strong> <span className="muted">Anyone with your password can sign in.</span>
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={start} disabled={starting} aria-disabled={starting}>
              {starting ? (
                <>
                  <span className="spinner" aria-hidden="true" />
                  Preparing…
                </>
              ) : (
                "Turn on two-factor authentication"
              )}
            </button>
          </div>
          <noscript>
            <p className="muted">Turning on two-factor authentication needs JavaScript.</p>
          </noscript>
        </>
      )}
    </>
  );
}

const confirmSchema = z.object({ code: totpCodeField });

function SetupPanel({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: TotpEnrolment;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const { register, onSubmit, formError, formState, errorOf } = useApiForm({
    schema: confirmSchema,
    fields: ["code"],
    send: (values) => postJson<RecoveryCodes>("/api/auth/2fa/confirm", values),
    onSuccess: (data) => onConfirmed(data.recovery_codes),
    signedIn: true,
  });
  return (
    <div className="two-factor-setup">
      <ol className="steps">
        <li>
          Scan this QR code with an authenticator app (Google Authenticator, 1Password, Authy, Aegis…).
          <div className="qr">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
            <img
              src={enrolment.qr_code}
              alt="QR code to add ASTROWORLD to your authenticator app"
              width={192}
              height={192}
            />
          </div>
          <p className="muted">Cannot scan it? Type this key into the app instead:</p>
          <p>
            <code className="totp-secret" data-testid="totp-secret">
              {enrolment.secret}
            </code>
          </p>
        </li>
        <li>Enter the 6-digit code the app now shows.</li>
      </ol>
      <form onSubmit={onSubmit} noValidate aria-label="Confirm two-factor authentication">
        <FormAlert message={formError} />
        <FormField
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={16}
          error={errorOf("code")}
          {...register("code")}
        />
        <SubmitOrCancel pending={formState.isSubmitting} pendingText="Checking…" onCancel={onCancel}>
          Turn on
        </SubmitOrCancel>
      </form>
    </div>
  );
}

function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `ASTROWORLD Auth recovery codes\nEach code signs in once when you cannot use your authenticator app.\n\n${codes.join("\n")}\n`;
  return (
    <div className="recovery-codes-panel">
      <FormAlert kind="success" message="Two-factor authentication is on. Save your recovery codes now." />
      <p>
        If you lose your phone, each of these codes signs you in once. Keep them somewhere safe:{" "}
        <strong>they are shown only this once.</strong>
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions-row">
        <a
          className="button secondary"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="astroworld-recovery-codes.txt"
        >
          Download (.txt)
        </a>
        <button type="button" className="button" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </div>
  );
}

const passwordSchema = z.object({ password: z.string().min(1, "Password is required.") });

function RegenerateForm({ onDone, onCancel }: { onDone: (codes: string[]) => void; onCancel: () => void }) {
  const { register, onSubmit, formError, formState, errorOf } = useApiForm({
    schema: passwordSchema,
    fields: ["password"],
    send: (values) => postJson<RecoveryCodes>("/api/auth/2fa/recovery-codes", values),
    onSuccess: (data) => onDone(data.recovery_codes),
    signedIn: true,
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New recovery codes">
      <p className="muted">Your current recovery codes stop working as soon as the new ones are made.</p>
      <FormAlert message={formError} />
      <FormField
        label="Password"
        type="password"
        autoComplete="current-password"
        autoFocus
        required
        error={errorOf("password")}
        {...register("password")}
      />
      <SubmitOrCancel pending={formState.isSubmitting} pendingText="Making codes…" onCancel={onCancel}>
        Make new codes
      </SubmitOrCancel>
    </form>
  );
}

const disableSchemas = {
  code: z.object({ password: z.string().min(1, "Password is required."), code: totpCodeField }),
  recovery_code: z.object({ password: z.string().min(1, "Password is required."), recovery_code: recoveryCodeField }),
};
type DisableInput = { password: string; code?: string; recovery_code?: string };

function DisableForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [proof, setProof] = useState<"code" | "recovery_code">("code");
  const { register, onSubmit, formError, formState, errorOf } = useApiForm({
    schema: disableSchemas[proof] as z.ZodType<DisableInput, DisableInput>,
    fields: ["password", proof],
    send: (values) => postJson("/api/auth/2fa/disable", { password: values.password, [proof]: values[proof] }),
    onSuccess: onDone,
    signedIn: true,
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Turn off two-factor authentication">
      <p className="muted">To turn it off, confirm with your password and a current code.</p>
      <FormAlert message={formError} />
      <FormField
        label="Password"
        type="password"
        autoComplete="current-password"
        autoFocus
        required
        error={errorOf("password")}
        {...register("password")}
      />
      {proof === "code" ? (
        <FormField
          key="code"
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={16}
          error={errorOf("code")}
          {...register("code")}
        />
      ) : (
        <FormField
          key="recovery_code"
          label="Recovery code"
          autoComplete="off"
          required
          maxLength={32}
          error={errorOf("recovery_code")}
          {...register("recovery_code")}
        />
      )}
      <p className="muted" style={{ marginTop: "-0.4rem" }}>
        <button
          type="button"
          className="link-button"
          onClick={() => setProof(proof === "code" ? "recovery_code" : "code")}
        >
          {proof === "code" ? "No phone? Use a recovery code" : "Use the code from your app"}
        </button>
      </p>
      <SubmitOrCancel pending={formState.isSubmitting} pendingText="Turning off…" onCancel={onCancel}>
        Turn off two-factor
      </SubmitOrCancel>
    </form>
  );
}
