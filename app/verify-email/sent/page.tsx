import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your inbox" };

export default async function VerificationSentPage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const { email } = await searchParams;
  return (
    <section className="card" aria-labelledby="sent-title">
      <h1 id="sent-title">Check your inbox</h1>
      <p className="lead">
        We sent a verification link to {typeof email === "string" && email ? <strong>{email}</strong> : "your email address"}. Open it to
        activate your account; it expires in 24 hours.
      </p>
      <Link className="button" href="/login">Go to log in</Link>
    </section>
  );
}
