import type { Metadata } from "next";
import { safeNextPath } from "@/lib/auth/safe-next-path";

export const metadata: Metadata = { title: "Temporarily unavailable", robots: { index: false } };

/** Where a page goes when the database cannot be reached (lib/auth/current-user.ts). */
export default async function UnavailablePage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const back = safeNextPath(typeof next === "string" ? next : null, { fallback: "/" });
  return (
    <section className="card" aria-labelledby="unavailable-title">
      <h1 id="unavailable-title">Temporarily unavailable</h1>
      <p className="lead">
        ASTROWORLD cannot reach its database right now. Nothing you did caused this, and your account is safe. It
        usually takes only a few seconds.
      </p>
      {/* A plain link: a full page load asks the server again. */}
      <a className="button" href={back}>
        Try again
      </a>
    </section>
  );
}
