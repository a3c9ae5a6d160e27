import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { emailSignInEnabled } from "@/lib/env";
import { EmailLinkForm } from "./email-link-form";

export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer" };

/** Opening the mailed link shows a button: mail scanners open links, and opening one must not spend it. */
export default async function EmailLinkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!emailSignInEnabled()) notFound();
  const { token } = await searchParams;
  return (
    <section className="card" aria-labelledby="email-link-title">
      <h1 id="email-link-title">Sign in to ASTROWORLD</h1>
      <p className="lead">You opened the sign-in link from your email. Press the button to sign in on this device.</p>
      <EmailLinkForm token={typeof token === "string" ? token : ""} next="/account" />
    </section>
  );
}
