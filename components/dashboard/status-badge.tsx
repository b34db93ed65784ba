import clsx from "clsx";

const TONES: Record<string, string> = {
  PAID: "bg-brand-50 text-brand-700",
  PENDING: "bg-sky-50 text-sky-800",
  FAILED: "bg-red-50 text-red-800",
  EXPIRED: "bg-stone-100 text-stone-700",
  CANCELLED: "bg-stone-100 text-stone-700",
  FULFILLED: "bg-brand-50 text-brand-700",
  UNFULFILLED: "bg-amber-50 text-amber-800",
  DISPATCHED: "bg-sky-50 text-sky-800",
};

export function StatusBadge({ value, label }: { value: string; label?: string }) {
  return (
    <span
      className={clsx(
        "inline-block rounded-full px-2 py-0.5 text-xs font-medium",
        TONES[value] ?? "bg-stone-100",
      )}
    >
      {label ?? value.charAt(0) + value.slice(1).toLowerCase()}
    </span>
  );
}

export function AttentionBadge() {
  return (
    <span className="inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
      Needs attention
    </span>
  );
}
