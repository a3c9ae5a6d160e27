import type { Metadata } from "next";
import { EmailChangeLinkPage } from "../link-page";

export const metadata: Metadata = { title: "Confirm your new email address", referrer: "no-referrer" };

export default function ConfirmEmailChangePage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <EmailChangeLinkPage
      searchParams={props.searchParams}
      purpose="email_change"
      title="Confirm your new email address"
      lead={(address) => (
        <>
          Your account will use {address ?? "this address"} from now on: for signing in, password resets and notices. We
          will tell your old address too.
        </>
      )}
      button="Use this address"
      pendingText="Changing…"
      next={{ href: "/account", label: "Go to your account" }}
    />
  );
}
