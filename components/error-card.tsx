"use client";

import Link from "next/link";
import { StatusPage } from "./status-page";

/** What app/error.tsx and app/global-error.tsx show: a retry, a way home and a reference. */
export function ErrorCard({ what, digest, reset }: { what: string; digest?: string; reset: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      actions={
        <>
          <button type="button" className="button" onClick={reset}>
            Try again
          </button>
          <Link className="button secondary" href="/">
            Go to the home page
          </Link>
        </>
      }
    >
      <p>{what} could not be shown. It is not something you did, and your account is safe.</p>
      {digest ? <p className="muted">Reference: {digest}</p> : null}
    </StatusPage>
  );
}
