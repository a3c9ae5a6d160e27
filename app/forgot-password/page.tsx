import type { Metadata } from "next";
import { pageFlash } from "@/lib/http/page-flash";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  return (
    <section className="card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <p className="lead">Enter the email of your account and we will send you a link to choose a new one.</p>
      <ForgotPasswordForm flash={await pageFlash("/forgot-password")} />
    </section>
  );
}
