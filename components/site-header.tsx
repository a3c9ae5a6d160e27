import Link from "next/link";
import { currentUser } from "@/lib/auth/current-user";
import { LogoutButton } from "./logout-button";

/** The same header everywhere; its links follow whether someone is signed in. */
export async function SiteHeader() {
  // During a database outage the header shows the signed-out links; the page says what is wrong.
  const user = await currentUser({ whenUnavailable: "signed-out" });
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        ASTRO<span>WORLD</span>
      </Link>
      <nav className="nav" aria-label="Main">
        {user ? (
          <>
            <Link href="/dashboard">Dashboard</Link>
            <Link href="/account" aria-label={`Account (${user.username})`}>
              {user.username}
            </Link>
            <LogoutButton className="nav-button" />
          </>
        ) : (
          <>
            <Link href="/login">Log in</Link>
            <Link href="/register" className="nav-cta">
              Sign up
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
