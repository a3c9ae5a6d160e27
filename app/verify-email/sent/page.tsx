import type { Metadata } from "next";
import Link from "next/link";
import { pageFlash } from "@/lib/http/page-flash";
import { ResendVerificationForm } from "./resend-form";

export const metadata: Metadata = { title: "Check your inbox" };

export default async function VerificationSentPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string | string[]; resent?: string | string[] }>;
}) {
  const { email, resent } = await searchParams;
  // A registration or a resend posted without JavaScript hands the address over in the flash.
  const flash = await pageFlash("/verify-email/sent");
  const given = typeof email === "string" ? email : (flash?.values?.email ?? "");
  const address = given.slice(0, 254);
  return (
    <section className="card" aria-labelledby="sent-title">
      <h1 id="sent-title">Check your inbox</h1>
      <p className="lead">
        We sent a verification link to {address ? <strong className="address">{address}</strong> : "your email address"}
        . Open it to activate your account; it expires in 24 hours.
      </p>
      <h2 style={{ fontSize: "1.05rem", margin: "1.5rem 0 0.75rem" }}>Did not get it?</h2>
      <ResendVerificationForm email={address} flash={resent || flash?.ok === false ? flash : null} />
      <p className="muted footer-links">
        Already verified? <Link href="/login">Log in</Link>
      </p>
    </section>
  );
}
