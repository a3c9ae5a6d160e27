"use client";

import Link from "next/link";
import { StatusPage } from "@/components/status-page";
import "./globals.css";

/** The last resort when the root layout itself fails: its own html, the same look. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <head>
        <title>Something went wrong · ASTROWORLD Auth</title>
      </head>
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            ASTRO<span>WORLD</span>
          </Link>
        </header>
        <main id="main" tabIndex={-1}>
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
            <p>ASTROWORLD could not be shown. It is not something you did, and your account is safe.</p>
            {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
          </StatusPage>
        </main>
      </body>
    </html>
  );
}
