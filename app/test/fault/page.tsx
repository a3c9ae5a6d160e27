import { notFound } from "next/navigation";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/**
 * The e2e suite's way to see app/error.tsx in the production build: this page fails to render
 * where TEST_ROUTES=true (playwright.config.ts sets it) and is a 404 everywhere else.
 */
export default function FaultPage(): never {
  if (!env().TEST_ROUTES) notFound();
  throw new Error("A deliberate failure: the error page's end-to-end test (TEST_ROUTES=true)");
}
