"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import type { FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { postJson } from "@/lib/client/api";

type State =
  { kind: "idle" | "pending" } | { kind: "done"; message: string } | { kind: "failed"; code: string; message: string };

export interface LinkActionProps {
  uid: string;
  token: string;
  /** The outcome a post without JavaScript left (lib/http/flash.ts). */
  flash: FormFlash;
  /** Why the link cannot be used, as checked when the page was served. */
  deadLink?: { code: string; message: string } | null;
  action: "/api/auth/email-change/confirm" | "/api/auth/email-change/revert";
  button: string;
  pendingText: string;
  /** Where to go once it worked. */
  next: { href: string; label: string };
}

function initialState(flash: FormFlash, deadLink: LinkActionProps["deadLink"]): State {
  if (flash?.ok) return { kind: "done", message: flash.detail ?? "Done." };
  if (flash) return { kind: "failed", code: flash.code ?? "invalid_token", message: flash.detail ?? "" };
  if (deadLink) return { kind: "failed", ...deadLink };
  return { kind: "idle" };
}

/**
 * A button that posts the mailed link's uid and token: opening the link changes nothing (mail
 * scanners open links). A plain form post without JavaScript, a fetch with it.
 */
export function LinkAction({ uid, token, flash, deadLink = null, action, button, pendingText, next }: LinkActionProps) {
  const [state, setState] = useState<State>(initialState(flash, deadLink));
  const router = useRouter();
  if (state.kind === "done") {
    return (
      <>
        <p className="alert success" role="status">
          {state.message}
        </p>
        <Link className="button" href={next.href}>
          {next.label}
        </Link>
      </>
    );
  }
  if (!uid || !token) {
    return (
      <p className="alert error" role="alert">
        {state.kind === "failed" ? state.message : "This link is incomplete. Open the link from your email again."}
      </p>
    );
  }
  // A taken address may become free again; any other failure is final for this link.
  const final = state.kind === "failed" && state.code !== "email_unavailable" && state.code !== "rate_limited";

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setState({ kind: "pending" });
    const result = await postJson<{ detail: string }>(action, { uid, token });
    // The header follows what changed (a revert signs this browser out too).
    if (result.ok) router.refresh();
    setState(
      result.ok
        ? { kind: "done", message: result.data.detail }
        : { kind: "failed", code: result.error.code, message: result.error.detail },
    );
  }

  return (
    <form method="post" action={action} onSubmit={submit} noValidate>
      <FormAlert message={state.kind === "failed" ? state.message : null} />
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      {final ? (
        <Link className="button" href="/account">
          Go to your account
        </Link>
      ) : (
        <SubmitButton pending={state.kind === "pending"} pendingText={pendingText}>
          {button}
        </SubmitButton>
      )}
    </form>
  );
}
