"use client";

import Link from "next/link";
import { StatusPage } from "@/components/status-page";

/** A page that failed to render: the header stays, the person can retry or go home. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <title>Something went wrong · ASTROWORLD Auth</title>
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
        <p>This page could not be shown. It is not something you did, and your account is safe.</p>
        {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
      </StatusPage>
    </>
  );
}
