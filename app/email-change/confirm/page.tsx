import type { Metadata } from "next";
import { pageFlash } from "@/lib/http/page-flash";
import { LinkAction } from "../link-action";

export const metadata: Metadata = { title: "Confirm your new email address", referrer: "no-referrer" };

export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, token } = await searchParams;
  return (
    <section className="card" aria-labelledby="email-change-title">
      <h1 id="email-change-title">Confirm your new email address</h1>
      <p className="lead">
        Your account will use this address from now on: for signing in, password resets and notices. We will tell your
        old address too.
      </p>
      <LinkAction
        uid={typeof uid === "string" ? uid : ""}
        token={typeof token === "string" ? token : ""}
        flash={await pageFlash("/email-change/confirm")}
        action="/api/auth/email-change/confirm"
        button="Use this address"
        pendingText="Changing…"
        next={{ href: "/account", label: "Go to your account" }}
      />
    </section>
  );
}
