"use client";

import { useEffect, useRef } from "react";

/**
 * A form's message. An error takes the focus when it appears (after a server error, whether the
 * form was sent by keyboard or mouse), so it is read out and the person starts from it.
 */
export function FormAlert({ kind = "error", message }: { kind?: "error" | "success"; message: string | null }) {
  const alert = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (kind === "error" && message) alert.current?.focus();
  }, [kind, message]);
  return (
    <div role={kind === "error" ? "alert" : "status"} aria-live="polite">
      {message ? (
        <p ref={alert} className={`alert ${kind}`} tabIndex={kind === "error" ? -1 : undefined}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
