"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { postJson } from "@/lib/client/api";

type State =
  { kind: "pending" } | { kind: "done"; message: string } | { kind: "failed"; code: string; message: string };

/** Posts the link's uid/token once (a ref guards against React's double effect in dev). */
export function VerifyEmailStatus({ uid, token }: { uid: string; token: string }) {
  const [state, setState] = useState<State>(
    uid && token
      ? { kind: "pending" }
      : {
          kind: "failed",
          code: "invalid_token",
          message: "This link is incomplete. Open the link from your email again.",
        },
  );
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current || !uid || !token) return;
    sent.current = true;
    void postJson<{ detail: string }>("/api/auth/email-verify", { uid, token }).then((result) =>
      setState(
        result.ok
          ? { kind: "done", message: result.data.detail }
          : { kind: "failed", code: result.error.code, message: result.error.detail },
      ),
    );
  }, [uid, token]);

  if (state.kind === "pending") {
    return (
      <p className="muted" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> Verifying your email…
      </p>
    );
  }
  if (state.kind === "done") {
    return (
      <>
        <p className="alert success" role="status">
          {state.message}
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
      {state.code === "token_used" ? (
        <Link className="button" href="/login">
          Log in
        </Link>
      ) : (
        <Link className="button" href="/verify-email/sent">
          Send a new link
        </Link>
      )}
    </>
  );
}
