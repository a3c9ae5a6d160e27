import Link from "next/link";
import { currentUser } from "@/lib/auth/current-user";
import { LogoutButton } from "./logout-button";
import { NavLink } from "./nav-link";

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
            <div className="nav-row">
              <NavLink href="/dashboard">Dashboard</NavLink>
              <NavLink href="/account" aria-label={`Account (${user.username})`}>
                {user.username}
              </NavLink>
              <LogoutButton className="nav-button" />
            </div>
            {/* On a phone the row folds into a menu: a <details>, so it opens without JavaScript. */}
            <details className="nav-menu">
              <summary>Menu</summary>
              <div className="nav-menu-panel">
                <NavLink href="/dashboard">Dashboard</NavLink>
                <NavLink href="/account" aria-label={`Account (${user.username})`}>
                  Account <span className="nav-menu-user">{user.username}</span>
                </NavLink>
                <LogoutButton className="nav-button" />
              </div>
            </details>
          </>
        ) : (
          <>
            <NavLink href="/login">Log in</NavLink>
            <NavLink href="/register" className="nav-cta">
              Sign up
            </NavLink>
          </>
        )}
      </nav>
    </header>
  );
}
