import type { Metadata } from "next";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create your account" };

export default function RegisterPage() {
  return (
    <section className="card" aria-labelledby="register-title">
      <h1 id="register-title">Create your account</h1>
      <p className="lead">Join ASTROWORLD in a minute. We will send a link to confirm your email.</p>
      <RegisterForm />
    </section>
  );
}
