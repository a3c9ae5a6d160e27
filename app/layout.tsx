import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ASTROWORLD Auth", template: "%s · ASTROWORLD Auth" },
  description: "Sign in to ASTROWORLD.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b1020" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            ASTRO<span>WORLD</span>
          </Link>
          <nav className="nav" aria-label="Main">
            <Link href="/login">Log in</Link>
            <Link href="/register">Sign up</Link>
            <Link href="/account">Account</Link>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
