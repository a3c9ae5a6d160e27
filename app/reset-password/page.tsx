import type { Metadata } from "next";
import { getDb } from "@/db";
import { resetLinkState } from "@/lib/auth/password-reset";
import { ERRORS } from "@/lib/http/errors";
import { pageFlash } from "@/lib/http/page-flash";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, token } = await searchParams;
  const link = { uid: typeof uid === "string" ? uid : "", token: typeof token === "string" ? token : "" };
  const flash = await pageFlash("/reset-password");
  // A used, expired or invalid link says so on arrival, not after two passwords were typed.
  const state = link.uid && link.token && !flash ? await resetLinkState(await getDb(), link) : { ok: true as const };
  return (
    <section className="card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <ResetPasswordForm
        uid={link.uid}
        token={link.token}
        flash={flash}
        deadLink={state.ok ? null : ERRORS[state.code][1]}
      />
    </section>
  );
}
