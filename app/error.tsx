"use client";

import { ErrorCard } from "@/components/error-card";

/** A page that failed to render: the header stays, the person can retry or go home. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <title>Something went wrong · ASTROWORLD Auth</title>
      <ErrorCard what="This page" digest={error.digest} reset={reset} />
    </>
  );
}
