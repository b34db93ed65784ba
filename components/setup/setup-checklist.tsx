import clsx from "clsx";
import type { SetupCheck } from "@/lib/setup/setup-check";

const MARK = { ok: "✓", problem: "✗", info: "i" } as const;
const WORD = { ok: "OK", problem: "Problem", info: "Note" } as const;

/** Each check green or red, with its fix in one sentence right under it. */
export function SetupChecklist({ checks }: { checks: SetupCheck[] }) {
  return (
    <ul
      className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white"
      data-testid="setup-checks"
    >
      {checks.map((c) => (
        <li
          key={c.id}
          className="flex gap-3 px-3 py-3 text-sm"
          data-testid="setup-check"
          data-status={c.status}
        >
          <span
            aria-hidden="true"
            className={clsx(
              "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold",
              c.status === "ok" && "text-brand-800 bg-brand-100",
              c.status === "problem" && "bg-red-100 text-red-800",
              c.status === "info" && "bg-stone-100 text-stone-700",
            )}
          >
            {MARK[c.status]}
          </span>
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              <span className="sr-only">{WORD[c.status]}: </span>
              {c.label}
            </p>
            <p className="break-words text-stone-600">{c.detail}</p>
            {c.fix && (
              <p className={clsx("mt-1", c.status === "problem" ? "text-red-800" : "text-stone-600")}>
                Fix: {c.fix}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
