import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { pageFlash } from "@/lib/http/page-flash";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const requested = typeof next === "string" ? next : null;
  // One landing page: a fresh sign-in and someone already signed in both go on to the page
  // they asked for, else to the account page (as /register and the form post do).
  const target = safeNextPath(requested);
  if (await currentUser()) redirect(target);
  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">Welcome back</h1>
      <p className="lead">Log in with your username or email.</p>
      <LoginForm next={target} flash={await pageFlash("/login")} />
    </section>
  );
}
