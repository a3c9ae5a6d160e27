import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/guard";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  if (await currentUser()) redirect("/dashboard");
  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">Welcome back</h1>
      <p className="lead">Log in with your username or email.</p>
      <LoginForm next={safeNextPath(typeof next === "string" ? next : null)} />
    </section>
  );
}
