"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/lib/client/api";

export function LogoutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button secondary"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await postJson("/api/auth/logout");
        router.replace("/login");
        router.refresh();
      }}
    >
      {pending ? "Logging out…" : "Log out"}
    </button>
  );
}
