import type { Metadata } from "next";
import { pageFlash } from "@/lib/http/page-flash";
import { VerifyEmailStatus } from "./verify-email-status";

export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, token } = await searchParams;
  return (
    <section className="card" aria-labelledby="verify-title">
      <h1 id="verify-title">Email verification</h1>
      <VerifyEmailStatus
        uid={typeof uid === "string" ? uid : ""}
        token={typeof token === "string" ? token : ""}
        flash={await pageFlash("/verify-email")}
      />
    </section>
  );
}
