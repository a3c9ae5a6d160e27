import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { pageFlash } from "@/lib/http/page-flash";
import { SocialSignIn } from "@/components/social-sign-in";
import { enabledProviders } from "@/lib/auth/oauth-providers";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function RegisterPage() {
  if (await currentUser()) redirect("/account");
  return (
    <section className="card" aria-labelledby="register-title">
      <h1 id="register-title">Create your account</h1>
      <p className="lead">Join ASTROWORLD in a minute. We will send a link to confirm your email.</p>
      <RegisterForm flash={await pageFlash("/register")} />
      <SocialSignIn providers={enabledProviders()} verb="Sign up" />
    </section>
  );
}
