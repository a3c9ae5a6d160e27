import type { Metadata } from "next";
import { UnlockForm } from "./unlock-form";

export const metadata: Metadata = { title: "Unlock sign-in", referrer: "no-referrer" };

export default async function UnlockPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, token } = await searchParams;
  return (
    <section className="card" aria-labelledby="unlock-title">
      <h1 id="unlock-title">Unlock sign-in</h1>
      <p className="lead">
        Sign-ins to your account were paused after many wrong passwords. Unlock them to sign in now from this browser or
        your app.
      </p>
      <UnlockForm uid={typeof uid === "string" ? uid : ""} token={typeof token === "string" ? token : ""} />
    </section>
  );
}
