"use client";

import { useState } from "react";
import { postJson } from "@/lib/client/api";

/** A form posting to the logout route, so it works without JavaScript too (a 303 to /login). */
export function LogoutButton({ className = "button secondary" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <form
      method="post"
      action="/api/auth/logout"
      className="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        await postJson("/api/auth/logout");
        // A full navigation drops the client router cache filled while signed in (a cached
        // prefetch of /login would still answer "307 → /account" and bounce the person around).
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate hard navigation after the auth state changed
        window.location.assign("/login?signed_out=here");
      }}
    >
      <button type="submit" className={className} disabled={pending}>
        {pending ? "Logging out…" : "Log out"}
      </button>
    </form>
  );
}
