/** Percentiles and a plain table: every benchmark prints the same columns. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export type Row = { name: string; samples: number[]; extra?: Record<string, string | number> };

export function printTable(title: string, rows: Row[], unit = "ms") {
  const extraKeys = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const header = ["", "n", `p50 ${unit}`, `p95 ${unit}`, `p99 ${unit}`, ...extraKeys];
  const lines = rows.map((r) => {
    const s = [...r.samples].sort((a, b) => a - b);
    const fmt = (v: number) => (Number.isNaN(v) ? "-" : v < 10 ? v.toFixed(2) : v.toFixed(1));
    return [
      r.name,
      String(s.length),
      fmt(percentile(s, 50)),
      fmt(percentile(s, 95)),
      fmt(percentile(s, 99)),
      ...extraKeys.map((k) => String(r.extra?.[k] ?? "")),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(
    `\n${title}\n${row(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${lines.map(row).join("\n")}`,
  );
}

/** Machine facts for bench/RESULTS.md. */
export async function machine(db: { $queryRawUnsafe: (sql: string) => Promise<unknown> }) {
  const os = await import("node:os");
  const version = ((await db.$queryRawUnsafe("SELECT version() AS v")) as { v: string }[])[0]!.v;
  return `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}, ${process.env.DATABASE_URL?.includes(`:${process.env.EMBEDDED_PG_PORT}/`) ? "embedded PGlite" : "PostgreSQL server"}: ${version.split(" on ")[0]}`;
}
