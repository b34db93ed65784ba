import clsx from "clsx";

/** The outcome of a form action, announced to screen readers. */
export function ActionMessage({
  id,
  result,
}: {
  id: string;
  result: { ok: boolean; message: string } | null;
}) {
  return (
    <p
      id={id}
      role="status"
      aria-live="polite"
      className={clsx("text-sm", !result && "sr-only", result?.ok ? "text-brand-700" : "text-amber-800")}
    >
      {result?.message}
    </p>
  );
}
