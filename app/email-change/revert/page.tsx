import type { Metadata } from "next";
import { EmailChangeLinkPage } from "../link-page";

export const metadata: Metadata = { title: "Undo the email change", referrer: "no-referrer" };

export default function RevertEmailChangePage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <EmailChangeLinkPage
      searchParams={props.searchParams}
      purpose="email_change_revert"
      title="This wasn't me"
      lead={(address) => (
        <>
          Put {address ?? "your previous email address"} back on your account. Every device, this one included, will be
          signed out, and pending email-change and password-reset links stop working.
        </>
      )}
      button="Restore my address and sign out everywhere"
      pendingText="Restoring…"
      next={{ href: "/forgot-password", label: "Choose a new password" }}
    />
  );
}
