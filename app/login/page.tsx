import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/guard";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // One target for both paths: a signed-in visitor goes where the form would have sent them
  // after logging in (the `next` page, else /account), not somewhere else.
  const target = safeNextPath(typeof next === "string" ? next : null);
  if (await currentUser()) redirect(target);
  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">Welcome back</h1>
      <p className="lead">Log in with your username or email.</p>
      <LoginForm next={target} />
    </section>
  );
}
