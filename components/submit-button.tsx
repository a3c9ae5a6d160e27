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
