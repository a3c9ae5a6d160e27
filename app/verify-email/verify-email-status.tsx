"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { FormFlash } from "@/components/form-flash";
import { postJson } from "@/lib/client/api";

type State =
  { kind: "pending" } | { kind: "done"; message: string } | { kind: "failed"; code: string; message: string };

const noSubscription = () => () => {};

function initialState(uid: string, token: string, flash: FormFlash): State {
  if (flash?.ok) return { kind: "done", message: flash.detail ?? "Your email address is verified." };
  if (flash) return { kind: "failed", code: flash.code ?? "invalid_token", message: flash.detail ?? "" };
  if (uid && token) return { kind: "pending" };
  return {
    kind: "failed",
    code: "invalid_token",
    message: "This link is incomplete. Open the link from your email again.",
  };
}

/**
 * With JavaScript, posts the link's uid/token once (a ref guards against React's double effect
 * in dev). Without it (or before hydration) a button posts them as a form: opening the link
 * never changes anything by itself. `flash` is the outcome such a post left.
 */
export function VerifyEmailStatus({ uid, token, flash = null }: { uid: string; token: string; flash?: FormFlash }) {
  const [state, setState] = useState<State>(initialState(uid, token, flash));
  // false in the server HTML (and with JavaScript off), true once React runs in the browser.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current || state.kind !== "pending") return;
    sent.current = true;
    void postJson<{ detail: string }>("/api/auth/email-verify", { uid, token }).then((result) =>
      setState(
        result.ok
          ? { kind: "done", message: result.data.detail }
          : { kind: "failed", code: result.error.code, message: result.error.detail },
      ),
    );
  }, [uid, token, state.kind]);

  if (state.kind === "pending" && !hydrated) {
    return (
      <form method="post" action="/api/auth/email-verify">
        <input type="hidden" name="uid" value={uid} />
        <input type="hidden" name="token" value={token} />
        <p className="lead">Confirm that this address is yours.</p>
        <button type="submit" className="button">
          Confirm my email
        </button>
      </form>
    );
  }
  if (state.kind === "pending") {
    return (
      <p className="muted" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> Verifying your email…
      </p>
    );
  }
  // A used link was used to verify this very address: that is good news, not an error.
  if (state.kind === "done" || state.code === "token_used") {
    return (
      <>
        <p className="alert success" role="status">
          {state.kind === "done" ? state.message : "This address is already verified. You can log in."}
        </p>
        <Link className="button" href="/login">
          Log in
        </Link>
      </>
    );
  }
  return (
    <>
      <p className="alert error" role="alert">
        {state.message}
      </p>
      <Link className="button" href="/verify-email/sent">
        Send a new link
      </Link>
    </>
  );
}
