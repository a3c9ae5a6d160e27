"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";

/** A header link that marks the page it leads to as the current one (`aria-current="page"`). */
export function NavLink({ href, ...props }: ComponentProps<typeof Link> & { href: string }) {
  const current = usePathname() === href;
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      // The header stays on screen across client-side navigations: a phone's menu closes behind its link.
      onClick={(event) => event.currentTarget.closest("details")?.removeAttribute("open")}
      {...props}
    />
  );
}
