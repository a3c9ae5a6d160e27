import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { LogoutButton } from "./logout-button";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect("/login?next=/account");
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username;
  return (
    <section className="card wide" aria-labelledby="account-title">
      <h1 id="account-title">Hello, {name}</h1>
      <p className="lead">This is your ASTROWORLD account.</p>
      <dl className="profile">
        <dt>Username</dt>
        <dd data-testid="account-username">{user.username}</dd>
        <dt>Email</dt>
        <dd>{user.email} {user.email_verified ? "(verified)" : "(not verified)"}</dd>
        <dt>Member since</dt>
        <dd>{new Date(user.date_joined).toLocaleDateString("en", { dateStyle: "long" })}</dd>
      </dl>
      <LogoutButton />
    </section>
  );
}
