import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { pageFlash } from "@/lib/http/page-flash";
import { SocialSignIn } from "@/components/social-sign-in";
import { enabledProviders } from "@/lib/auth/oauth-providers";
import { EmailSignInLink } from "./email-sign-in-link";
import { LoginForm } from "./login-form";
import { PasskeySignIn } from "./passkey-sign-in";

export const metadata: Metadata = { title: "Log in" };

const SIGNED_OUT: Record<string, string> = {
  here: "You are logged out.",
  everywhere: "You are signed out on every device.",
  // Set by the page guard or a protected page when this browser's session was ended elsewhere.
  elsewhere: "You were signed out from another device.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; signed_out?: string | string[] }>;
}) {
  const { next, signed_out: signedOut } = await searchParams;
  const requested = typeof next === "string" ? next : null;
  // One landing page: a fresh sign-in and someone already signed in both go on to the page
  // they asked for, else to the account page (as /register and the form post do).
  const target = safeNextPath(requested);
  if (await currentUser()) redirect(target);
  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">Welcome back</h1>
      <p className="lead">Log in with your username or email.</p>
      {typeof signedOut === "string" && Object.hasOwn(SIGNED_OUT, signedOut) ? (
        <p className="alert success" role="status">
          {SIGNED_OUT[signedOut]}
        </p>
      ) : null}
      <LoginForm next={target} flash={await pageFlash("/login")} />
      <SocialSignIn providers={enabledProviders()} next={target} verb="Sign in" />
      <PasskeySignIn next={target} />
      <EmailSignInLink next={target} />
    </section>
  );
}
