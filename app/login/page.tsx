import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const requested = typeof next === "string" ? next : null;
  // Someone already signed in goes on to the page they asked for, else to the dashboard;
  // the form lands a fresh sign-in on the account page unless `next` says otherwise.
  if (await currentUser()) redirect(safeNextPath(requested, { fallback: "/dashboard" }));
  const target = safeNextPath(requested);
  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">Welcome back</h1>
      <p className="lead">Log in with your username or email.</p>
      <LoginForm next={target} />
    </section>
  );
}
