import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { emailSignInEnabled } from "@/lib/env";
import { pageFlash } from "@/lib/http/page-flash";
import { EmailSignInForm } from "./email-sign-in-form";

export const metadata: Metadata = { title: "Sign in with email" };

export default async function EmailSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; email?: string | string[] }>;
}) {
  if (!emailSignInEnabled()) notFound();
  const { next, email } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  if (await currentUser()) redirect(target);
  return (
    <section className="card" aria-labelledby="email-sign-in-title">
      <h1 id="email-sign-in-title">Sign in with email</h1>
      <EmailSignInForm
        next={target}
        email={typeof email === "string" ? email : ""}
        flash={await pageFlash("/login/email")}
      />
    </section>
  );
}
