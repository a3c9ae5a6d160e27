import Link from "next/link";
import { emailSignInEnabled } from "@/lib/env";

/** The way to passwordless sign-in, only where it is enabled (AUTH_EMAIL_SIGN_IN). */
export function EmailSignInLink({ next }: { next: string }) {
  if (!emailSignInEnabled()) return null;
  const query = next && next !== "/account" ? `?next=${encodeURIComponent(next)}` : "";
  return (
    <p className="email-sign-in-link">
      <Link className="button secondary" href={`/login/email${query}`}>
        Email me a sign-in link
      </Link>
    </p>
  );
}
