"use client";

import { useState } from "react";
import { postJson } from "@/lib/client/api";

export function LogoutButton({ className = "button secondary" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={className}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await postJson("/api/auth/logout");
        // A full navigation drops the client router cache filled while signed in (a cached
        // prefetch of /login would still answer "307 → /account" and bounce the person around).
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate hard navigation after the auth state changed
        window.location.assign("/login?signed_out=here");
      }}
    >
      {pending ? "Logging out…" : "Log out"}
    </button>
  );
}
