"use client";

import Link from "next/link";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { postJson } from "@/lib/client/api";
import { continueToSecondFactor } from "@/lib/client/mfa-step";

/**
 * The token goes in a form post (a 303 to /account without JavaScript; a fetch and a full
 * navigation with it). A failure lands on /login/email, where a new link can be asked for.
 */
export function EmailLinkForm({ token, next }: { token: string; next: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!token)
    return (
      <>
        <p className="alert error" role="alert">
          This link is incomplete. Open the link from your email again, or ask for a new one.
        </p>
        <Link className="button secondary" href="/login/email">
          Email me a new link
        </Link>
      </>
    );

  async function signIn(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await postJson("/api/auth/login/email/verify", { token });
    if (result.ok) {
      // A full navigation, as after a password login (app/login/login-form.tsx).
      window.location.assign(next);
      return;
    }
    // Two-factor on: the link was right, the code step is next (its token is in a cookie).
    if (continueToSecondFactor(result, next)) return;
    setPending(false);
    setError(result.error.detail);
  }

  return (
    <form method="post" action="/api/auth/login/email/verify" onSubmit={signIn} noValidate>
      <input type="hidden" name="token" value={token} />
      <FormAlert message={error} />
      <SubmitButton pending={pending} pendingText="Signing in…">
        Sign in
      </SubmitButton>
      <p className="muted footer-links">
        {error ? (
          <>
            <Link href="/login/email">Email me a new link</Link> ·{" "}
          </>
        ) : null}
        Did not ask for this? Close this page: nothing happens without the button.
      </p>
    </form>
  );
}
