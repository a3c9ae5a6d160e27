import Link from "next/link";
import { currentUser } from "@/lib/auth/current-user";

export default async function HomePage() {
  const user = await currentUser();
  return (
    <section className="hero">
      <h1>Your gateway to ASTROWORLD</h1>
      {user ? (
        <>
          <p>
            Signed in as <strong data-testid="home-username">{user.username}</strong>.
          </p>
          <div className="actions">
            <Link className="button" href="/dashboard">
              Go to your dashboard
            </Link>
            <Link className="button secondary" href="/account">
              Manage your account
            </Link>
          </div>
        </>
      ) : (
        <>
          <p>Secure accounts with verified email, rotating sessions and nothing to configure.</p>
          <div className="actions">
            <Link className="button" href="/register">
              Create an account
            </Link>
            <Link className="button secondary" href="/login">
              Log in
            </Link>
          </div>
        </>
      )}
      <p className="hero-note">
        Building another frontend or a service? Read the <Link href="/docs/api">API reference</Link>.
      </p>
    </section>
  );
}
