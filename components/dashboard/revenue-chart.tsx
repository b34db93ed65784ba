import { formatKes } from "@/lib/format";

type Day = { day: string; revenueKes: number; orders: number };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An EAT day key as people say it: "2026-12-05" -> "5 Dec". */
export function dayLabel(day: string): string {
  const [, month, date] = day.split("-").map(Number);
  return month && date ? `${date} ${MONTHS[month - 1]}` : day;
}

/** Revenue per day as plain SVG bars: scales to the container, readable on a phone. */
export function RevenueChart({ days }: { days: Day[] }) {
  const max = Math.max(1, ...days.map((d) => d.revenueKes));
  const w = 300;
  const h = 120;
  const bar = w / Math.max(1, days.length);
  const total = days.reduce((s, d) => s + d.revenueKes, 0);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${w} ${h + 14}`}
        className="h-48 w-full"
        role="img"
        aria-label={`Revenue per day over the last ${days.length} days, ${formatKes(total)} in total`}
      >
        <line x1="0" y1={h} x2={w} y2={h} className="stroke-stone-300" strokeWidth="0.5" />
        {days.map((d, i) => {
          const bh = (d.revenueKes / max) * (h - 4);
          return (
            <rect
              key={d.day}
              x={i * bar + bar * 0.15}
              y={h - bh}
              width={bar * 0.7}
              height={bh}
              rx="1"
              className="fill-brand-600"
            >
              <title>{`${dayLabel(d.day)}: ${formatKes(d.revenueKes)} from ${d.orders} order${d.orders === 1 ? "" : "s"}`}</title>
            </rect>
          );
        })}
        <text x="0" y={h + 11} fontSize="8" className="fill-stone-500" data-testid="chart-first-day">
          {days[0] && dayLabel(days[0].day)}
        </text>
        <text x={w} y={h + 11} fontSize="8" textAnchor="end" className="fill-stone-500">
          {days.length > 0 && dayLabel(days.at(-1)!.day)}
        </text>
        <text x={w} y="8" fontSize="8" textAnchor="end" className="fill-stone-500">
          {`max ${formatKes(max)}`}
        </text>
      </svg>
      <figcaption className="sr-only">
        Daily paid revenue in Kenyan shillings, East Africa Time days.
      </figcaption>
    </figure>
  );
}
