import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { devToolsEnabled } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Every /dev/* page is development-only: with NODE_ENV=production none exists, whatever is set. */
export default function DevLayout({ children }: { children: ReactNode }) {
  if (!devToolsEnabled()) notFound();
  return children;
}
