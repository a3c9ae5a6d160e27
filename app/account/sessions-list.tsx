"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert";
import type { SessionView } from "@/lib/auth/session";
import { postJson, sendJson } from "@/lib/client/api";

const when = (iso: string) =>
  `${new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

export function SessionsList({ sessions }: { sessions: SessionView[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function signOut(id: string, device: string) {
    setBusy(id);
    setError(null);
    setDone(null);
    const result = await sendJson("DELETE", `/api/auth/sessions/${id}`);
    setBusy(null);
    if (!result.ok) return setError(result.error.detail);
    setDone(`${device} is signed out.`);
    router.refresh();
  }

  async function signOutEverywhere() {
    setBusy("all");
    const result = await postJson("/api/auth/logout-all");
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
                <button
                  type="button"
                  className="button secondary small"
                  disabled={busy !== null}
                  onClick={() => signOut(s.id, s.device)}
                  aria-label={`Sign out ${s.device}, signed in ${when(s.created_at)}`}
                >
                  {busy === s.id ? "Signing out…" : "Sign out"}
                </button>
              )}
            </li>
          ))}
      </ul>
      {confirming ? (
        <div className="actions-row" role="group" aria-labelledby="sign-out-everywhere-question">
          <p id="sign-out-everywhere-question" className="confirm-question">
            Sign out every device, this one included?
          </p>
          <button type="button" className="button danger" disabled={busy !== null} onClick={signOutEverywhere}>
            {busy === "all" ? "Signing out…" : "Yes, sign out everywhere"}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy !== null}
            onClick={() => setConfirming(false)}
          >
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions-row">
          <button type="button" className="button danger" disabled={busy !== null} onClick={() => setConfirming(true)}>
            Sign out everywhere
          </button>
        </div>
      )}
    </>
  );
}
