"use client";

import Link from "next/link";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import type { FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { postJson } from "@/lib/client/api";

type State = { kind: "idle" | "pending" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

/**
 * A button, not an automatic post: mail scanners open links, and opening one must not spend it.
 * Without JavaScript the form posts and the flash brings the outcome back here.
 */
export function SecureAccountForm({ uid, token, flash = null }: { uid: string; token: string; flash?: FormFlash }) {
  const [state, setState] = useState<State>(() => {
    if (flash?.ok) return { kind: "done", message: flash.detail ?? "" };
    if (flash && !flash.ok) return { kind: "failed", message: flash.detail ?? "" };
    return { kind: "idle" };
  });
  if (state.kind === "done") {
    return (
      <>
        <FormAlert kind="success" message={state.message} />
        <Link className="button" href="/login">
          Go to log in
        </Link>
      </>
    );
  }
  if (!uid || !token)
    return (
      <p className="alert error" role="alert">
        This link is incomplete. Open the link from your email again.
      </p>
    );

  async function secure(event: React.FormEvent) {
    event.preventDefault();
    setState({ kind: "pending" });
    const result = await postJson<{ detail: string }>("/api/auth/secure-account", { uid, token });
    setState(
      result.ok ? { kind: "done", message: result.data.detail } : { kind: "failed", message: result.error.detail },
    );
  }

  return (
    <form method="post" action="/api/auth/secure-account" onSubmit={secure} noValidate>
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      <FormAlert message={state.kind === "failed" ? state.message : null} />
      <SubmitButton pending={state.kind === "pending"} pendingText="Securing…">
        Secure my account
      </SubmitButton>
      <p className="muted footer-links">
        It was you after all? <Link href="/account">Back to your account</Link>
      </p>
    </form>
  );
}
