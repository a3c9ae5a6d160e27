import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { mfaCookieName } from "@/lib/http/mfa-step";
import { pageFlash } from "@/lib/http/page-flash";
import { TwoFactorForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

/**
 * The second step of a sign-in. The half-done sign-in travels in an httpOnly cookie set by the
 * first step (a login, an emailed link, an OAuth provider), never in this page's URL.
 */
export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; use?: string | string[] }>;
}) {
  const { next, use } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  if (await currentUser()) redirect(target);
  const pending = Boolean((await cookies()).get(mfaCookieName())?.value);
  const flash = await pageFlash("/login/2fa");
  return (
    <section className="card" aria-labelledby="two-factor-title">
      <h1 id="two-factor-title">Two-factor authentication</h1>
      {pending ? (
        <TwoFactorForm next={target} recovery={use === "recovery"} flash={flash} />
      ) : (
        <>
          <p className="alert error" role="alert">
            {flash?.code === "mfa_token_invalid" && flash.detail
              ? flash.detail
              : "This sign-in has expired or was already finished. Log in again."}
          </p>
          <p className="muted footer-links">
            <Link href={`/login?next=${encodeURIComponent(target)}`}>Log in again</Link>
          </p>
        </>
      )}
    </section>
  );
}
