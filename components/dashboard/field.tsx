/** A labelled form field with its error next to it (linked by aria-describedby). */
export function Field({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !errors?.length && <p className="mt-1 text-xs text-stone-500">{hint}</p>}
      <p id={`${id}-error`} className="mt-1 text-sm text-red-700" aria-live="polite">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

export const inputClass =
  "mt-1 min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600";
