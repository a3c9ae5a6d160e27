import type { Flash } from "@/lib/http/flash";
import { pageFlash } from "@/lib/http/page-flash";
import { AccountData } from "./account-data";
import { EmailChangeForm } from "./email-change-form";

/** The answer to asking for a confirmation code without JavaScript, for the form that asked. */
function reauthSentTo(flash: Flash | null, section: string): string | null {
  return flash?.form === "reauth" && flash.values?.section === section ? (flash.detail ?? null) : null;
}

/** Change email (issue 14): the address in force, and the form that asks for a new one. */
export async function EmailSection({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  // What this form left when it was posted without JavaScript.
  const flash = await pageFlash("/account");
  return (
    <section className="card" aria-labelledby="email-title">
      <h2 id="email-title">Email address</h2>
      <p className="muted">
        Now <span className="address">{email}</span>. We send a link to the new address; it changes once you open it,
        and your current address is told, with a way to undo it.
      </p>
      <EmailChangeForm
        flash={flash?.form === "email" ? flash : null}
        hasPassword={hasPassword}
        reauthSent={reauthSentTo(flash, "email")}
      />
    </section>
  );
}

/** Export and delete (issue 14); `confirm`: the page was opened as the deletion's question. */
export async function DataSection({ confirm = false, hasPassword }: { confirm?: boolean; hasPassword: boolean }) {
  const flash = await pageFlash("/account");
  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <AccountData
        confirm={confirm}
        flash={flash?.form === "delete" ? flash : null}
        hasPassword={hasPassword}
        reauthSent={reauthSentTo(flash, "delete")}
      />
    </section>
  );
}
