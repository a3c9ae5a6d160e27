export function SubmitButton({
  pending,
  children,
  pendingText,
}: {
  pending: boolean;
  children: string;
  pendingText: string;
}) {
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingText}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** The submit button of a step that can be abandoned, with its Cancel beside it. */
export function SubmitOrCancel({
  onCancel,
  ...submit
}: {
  pending: boolean;
  children: string;
  pendingText: string;
  onCancel: () => void;
}) {
  return (
    <div className="actions-row">
      <SubmitButton {...submit} />
      <button type="button" className="button secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
