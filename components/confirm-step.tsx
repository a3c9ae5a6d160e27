"use client";

import type { ReactNode, Ref } from "react";

/**
 * Opens a confirmation step of /account: in place with JavaScript (`onAsk`), and without it as
 * the page `/account?confirm=<step>`, scrolled to the question, which changes nothing.
 */
export function AskFirst({
  step,
  questionId,
  onAsk,
  disabled = false,
  buttonRef,
  children,
}: {
  step: string;
  questionId: string;
  onAsk: () => void;
  disabled?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={`/account#${questionId}`}
      className="actions-row"
      onSubmit={(event) => {
        event.preventDefault();
        onAsk();
      }}
    >
      <input type="hidden" name="confirm" value={step} />
      <button ref={buttonRef} type="submit" className="button danger" disabled={disabled}>
        {children}
      </button>
    </form>
  );
}

/** Cancel of a confirmation step: `onCancel` with JavaScript; without it, /account as it was (a GET). */
export function CancelStep({ onCancel, disabled = false }: { onCancel: () => void; disabled?: boolean }) {
  return (
    <button
      type="submit"
      formMethod="get"
      formAction="/account"
      formNoValidate
      className="button secondary"
      disabled={disabled}
      onClick={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      Cancel
    </button>
  );
}
