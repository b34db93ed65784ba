import clsx from "clsx";
import type { TimelineEvent } from "@/lib/dashboard/timeline";
import { formatEat } from "@/lib/format";
import { card } from "./card";

const dot = { info: "bg-stone-400", good: "bg-brand-600", bad: "bg-red-600", warn: "bg-amber-500" };

/** Everything that happened to the order's payment, oldest first, with raw payloads on demand. */
export function PaymentTimeline({ timeline }: { timeline: TimelineEvent[] }) {
  return (
    <section className={card} aria-labelledby="timeline-h">
      <h2 id="timeline-h" className="font-semibold">
        Payment timeline
      </h2>
      <ol className="mt-3 space-y-3" data-testid="timeline">
        {timeline.map((e) => (
          <li key={e.key} className="flex gap-3 text-sm">
            <span className={clsx("mt-1.5 h-2 w-2 shrink-0 rounded-full", dot[e.tone])} aria-hidden="true" />
            <div className="min-w-0 flex-1">
              <p className="font-medium">{e.title}</p>
              {e.detail && <p className="break-words text-stone-700">{e.detail}</p>}
              <p className="text-xs text-stone-500">{formatEat(e.at, "d MMM yyyy, HH:mm:ss")}</p>
              {e.raw !== undefined && (
                <details className="mt-1">
                  <summary className="flex min-h-11 cursor-pointer items-center text-xs text-brand-700">
                    Details
                  </summary>
                  <pre className="mt-1 max-h-64 overflow-auto rounded bg-stone-100 p-2 text-xs">{e.raw}</pre>
                </details>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
