import type { Metadata } from "next";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, token } = await searchParams;
  return (
    <section className="card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <ResetPasswordForm uid={typeof uid === "string" ? uid : ""} token={typeof token === "string" ? token : ""} />
    </section>
  );
}
