"use client";

import Link from "next/link";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { postJson } from "@/lib/client/api";

type State = { kind: "idle" | "pending" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

/**
 * A button, not an automatic post: mail scanners open links, and opening one must not spend it.
 */
export function UnlockForm({ uid, token }: { uid: string; token: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  if (!uid || !token)
    return (
      <p className="alert error" role="alert">
        This link is incomplete. Open the link from your email again.
      </p>
    );
  if (state.kind === "done") {
    return (
      <>
        <FormAlert kind="success" message={state.message} />
        <Link className="button" href="/login">
          Log in
        </Link>
      </>
    );
  }

  async function unlock(event: React.FormEvent) {
    event.preventDefault();
    setState({ kind: "pending" });
    const result = await postJson<{ detail: string }>("/api/auth/login/unlock", { uid, token });
    setState(
      result.ok ? { kind: "done", message: result.data.detail } : { kind: "failed", message: result.error.detail },
    );
  }

  return (
    <form onSubmit={unlock} noValidate>
      <FormAlert message={state.kind === "failed" ? state.message : null} />
      <SubmitButton pending={state.kind === "pending"} pendingText="Unlocking…">
        Unlock sign-in
      </SubmitButton>
      <p className="muted footer-links">
        Was it not you? <Link href="/forgot-password">Choose a new password</Link>
      </p>
    </form>
  );
}
