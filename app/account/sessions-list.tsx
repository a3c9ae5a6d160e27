"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AskFirst, CancelStep } from "@/components/confirm-step";
import { FormAlert } from "@/components/form-alert";
import { flashAlert, flashValue, type FormFlash } from "@/components/form-flash";
import type { SessionView } from "@/lib/auth/session";
import { postJson, reloadIfSignedOut, sendJson } from "@/lib/client/api";

const when = (iso: string) =>
  `${new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

const signedOut = (device: string) => `${device} is signed out.`;

/**
 * Each button is a form posting to its route handler, so signing out works without JavaScript
 * too (the flash says how it went); "Sign out everywhere" asks first, as a page of its own
 * (`?confirm=sign-out-everywhere`) until JavaScript asks in place.
 */
export function SessionsList({
  sessions,
  flash = null,
  confirm = false,
}: {
  sessions: SessionView[];
  flash?: FormFlash;
  confirm?: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(flashAlert(flash, []));
  const [done, setDone] = useState<string | null>(
    flash?.ok ? signedOut(flashValue(flash, "device") ?? "That device") : null,
  );
  const [confirming, setConfirming] = useState(confirm);
  const othersSignedIn = sessions.some((s) => !s.current);

  async function signOut(id: string, device: string) {
    setBusy(id);
    setError(null);
    setDone(null);
    const result = await sendJson("DELETE", `/api/auth/sessions/${id}`);
    if (reloadIfSignedOut(result)) return;
    setBusy(null);
    if (!result.ok) return setError(result.error.detail);
    setDone(signedOut(device));
    router.refresh();
  }

  async function signOutEverywhere() {
    setBusy("all");
    const result = await postJson("/api/auth/logout-all");
    if (reloadIfSignedOut(result)) return;
    if (!result.ok) {
      setBusy(null);
      return setError(result.error.detail);
    }
    // A full navigation drops the client router cache filled while signed in.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate hard navigation after the auth state changed
    window.location.assign("/login?signed_out=everywhere");
  }

  return (
    <>
      <FormAlert message={error} />
      <FormAlert kind="success" message={done} />
      <ul className="list" aria-label="Active sessions">
        {/* This device first, then the others as the server listed them. */}
        {[...sessions]
          .sort((a, b) => Number(b.current) - Number(a.current))
          .map((s) => (
            <li key={s.id} data-testid="session">
              <div>
                <strong>{s.device}</strong>
                {s.current ? <span className="badge">This device</span> : null}
                <div className="meta">
                  {s.ip ? `${s.ip} · ` : ""}signed in {when(s.created_at)} · last active {when(s.last_used_at)}
                </div>
              </div>
              {s.current ? null : (
                <form
                  method="post"
                  action={`/api/auth/sessions/${s.id}`}
                  onSubmit={(event) => {
                    event.preventDefault();
                    void signOut(s.id, s.device);
                  }}
                >
                  <input type="hidden" name="device" value={s.device} />
                  <button
                    type="submit"
                    className="button secondary small"
                    disabled={busy !== null}
                    aria-label={`Sign out ${s.device}, signed in ${when(s.created_at)}`}
                  >
                    {busy === s.id ? "Signing out…" : "Sign out"}
                  </button>
                </form>
              )}
            </li>
          ))}
      </ul>
      {!othersSignedIn ? (
        // Nothing else to end: "everywhere" would only be this device, which Log out already does.
        <p className="muted" data-testid="only-session">
          This is the only device signed in to your account.
        </p>
      ) : confirming ? (
        <form
          method="post"
          action="/api/auth/logout-all"
          className="actions-row"
          role="group"
          aria-labelledby="sign-out-everywhere-question"
          onSubmit={(event) => {
            event.preventDefault();
            void signOutEverywhere();
          }}
        >
          <p id="sign-out-everywhere-question" className="confirm-question">
            Sign out every device, this one included?
          </p>
          <button type="submit" className="button danger" disabled={busy !== null}>
            {busy === "all" ? "Signing out…" : "Yes, sign out everywhere"}
          </button>
          <CancelStep onCancel={() => setConfirming(false)} disabled={busy !== null} />
        </form>
      ) : (
        <AskFirst
          step="sign-out-everywhere"
          questionId="sign-out-everywhere-question"
          onAsk={() => setConfirming(true)}
          disabled={busy !== null}
        >
          Sign out everywhere
        </AskFirst>
      )}
    </>
  );
}
