import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser, loginAgainPath } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Dashboard" };

/** A sample protected page: what an app built on ASTROWORLD Auth would put behind login. */
export default async function DashboardPage() {
  const user = await currentUser();
  if (!user) redirect(await loginAgainPath("/dashboard"));
  return (
    <section className="card wide" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Mission control</h1>
      <p className="lead">
        Signed in as <strong data-testid="dashboard-username">{user.username}</strong>. Only signed-in people can see
        this page.
      </p>
      <Link className="button inline" href="/account">
        Manage your account
      </Link>
    </section>
  );
}
