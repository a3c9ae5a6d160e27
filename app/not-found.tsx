import type { Metadata } from "next";
import Link from "next/link";
import { StatusPage } from "@/components/status-page";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="We could not find that page"
      actions={
        <Link className="button" href="/">
          Go to the home page
        </Link>
      }
    >
      <p>The link may be old or mistyped. Nothing has changed in your account.</p>
    </StatusPage>
  );
}
