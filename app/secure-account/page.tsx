import type { Metadata } from "next";
import { pageFlash } from "@/lib/http/page-flash";
import { SecureAccountForm } from "./secure-account-form";

export const metadata: Metadata = { title: "Secure your account", referrer: "no-referrer" };

export default async function SecureAccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, token } = await searchParams;
  return (
    <section className="card" aria-labelledby="secure-title">
      <h1 id="secure-title">Secure your account</h1>
      <p className="lead">Did someone else sign in to your account? Lock them out:</p>
      <ul className="secure-account-steps">
        <li>every device and app signed in to your account is signed out, this one included;</li>
        <li>your current password stops working;</li>
        <li>we email you a link to choose a new password.</li>
      </ul>
      <SecureAccountForm
        uid={typeof uid === "string" ? uid : ""}
        token={typeof token === "string" ? token : ""}
        flash={await pageFlash("/secure-account")}
      />
    </section>
  );
}
