import type { Metadata } from "next";
import { pageFlash } from "@/lib/http/page-flash";
import { LinkAction } from "../link-action";

export const metadata: Metadata = { title: "Undo the email change", referrer: "no-referrer" };

export default async function RevertEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, token } = await searchParams;
  return (
    <section className="card" aria-labelledby="email-revert-title">
      <h1 id="email-revert-title">This wasn&apos;t me</h1>
      <p className="lead">
        Put your previous email address back on your account. Every device, this one included, will be signed out, and
        pending email-change and password-reset links stop working.
      </p>
      <LinkAction
        uid={typeof uid === "string" ? uid : ""}
        token={typeof token === "string" ? token : ""}
        flash={await pageFlash("/email-change/revert")}
        action="/api/auth/email-change/revert"
        button="Restore my address and sign out everywhere"
        pendingText="Restoring…"
        next={{ href: "/forgot-password", label: "Choose a new password" }}
      />
    </section>
  );
}
