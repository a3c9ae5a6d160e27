"use client";

import Link from "next/link";
import { ErrorCard } from "@/components/error-card";
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
          <ErrorCard what="ASTROWORLD" digest={error.digest} reset={reset} />
        </main>
      </body>
    </html>
  );
}
