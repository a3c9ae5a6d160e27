import type { ReactNode } from "react";
import { getDb } from "@/db";
import { emailChangeLinkState } from "@/lib/auth/email-change";
import { ERRORS } from "@/lib/http/errors";
import { pageFlash } from "@/lib/http/page-flash";
import { LinkAction, type LinkActionProps } from "./link-action";

type Purpose = "email_change" | "email_change_revert";
const PAGES = {
  email_change: { path: "/email-change/confirm", action: "/api/auth/email-change/confirm" },
  email_change_revert: { path: "/email-change/revert", action: "/api/auth/email-change/revert" },
} as const;

/**
 * The page a mailed email-change link opens (confirm, or "this wasn't me"). It checks the link
 * on arrival: a live one shows the address it would put on the account, a dead one says why
 * before anyone presses the button. Opening it changes nothing; the button posts.
 */
export async function EmailChangeLinkPage({
  searchParams,
  purpose,
  title,
  lead,
  ...action
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
  purpose: Purpose;
  title: string;
  /** The sentence under the title, naming the address when the link is live. */
  lead: (address: ReactNode | null) => ReactNode;
} & Pick<LinkActionProps, "button" | "pendingText" | "next">) {
  const { uid, token } = await searchParams;
  const link = { uid: typeof uid === "string" ? uid : "", token: typeof token === "string" ? token : "" };
  const flash = await pageFlash(PAGES[purpose].path);
  const state = link.uid && link.token && !flash ? await emailChangeLinkState(await getDb(), link, purpose) : null;
  const address = state?.ok ? <strong className="address">{state.address}</strong> : null;
  return (
    <section className="card" aria-labelledby="email-change-title">
      <h1 id="email-change-title">{title}</h1>
      <p className="lead">{lead(address)}</p>
      <LinkAction
        {...link}
        {...action}
        flash={flash}
        deadLink={state && !state.ok ? { code: state.code, message: ERRORS[state.code][1] } : null}
        action={PAGES[purpose].action}
      />
    </section>
  );
}
