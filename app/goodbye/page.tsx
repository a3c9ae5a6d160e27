import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Account deleted" };

export default function GoodbyePage() {
  return (
    <section className="card" aria-labelledby="goodbye-title">
      <h1 id="goodbye-title">Your account has been deleted</h1>
      <p className="lead">
        Everything stored with it is gone and every device was signed out. A goodbye mail is on its way. Thank you for
        flying with ASTROWORLD.
      </p>
      <Link className="button" href="/register">
        Create a new account
      </Link>
    </section>
  );
}
