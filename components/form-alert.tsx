export function FormAlert({ kind = "error", message }: { kind?: "error" | "success"; message: string | null }) {
  return (
    <div role={kind === "error" ? "alert" : "status"} aria-live="polite">
      {message ? <p className={`alert ${kind}`}>{message}</p> : null}
    </div>
  );
}
