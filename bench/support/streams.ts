/** Holds many live order streams open against one app instance and reports what they cost it. */
import { readFileSync } from "node:fs";
import http from "node:http";
import { prisma } from "@/lib/db";
import type { AppServer } from "@/tests/reliability/support/app-server";
import { processTree } from "./process-tree";

const CLOCK_TICKS = 100; // Linux USER_HZ

function usage(root: number) {
  let rssKb = 0;
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return { rssKb, ticks };
}

async function connections(embedded: boolean) {
  if (embedded) return { total: "n/a (PGlite: one shared session)", listeners: 0 };
  const [row] = await prisma.$queryRaw<{ total: bigint; listeners: bigint }[]>`
    SELECT count(*) AS total, count(*) FILTER (WHERE application_name = 'duka-live') AS listeners
    FROM pg_stat_activity WHERE datname = current_database()`;
  return { total: String(row!.total), listeners: Number(row!.listeners) };
}

/** Opens one stream; resolves once its first event arrived (the request stays open), null if it never did. */
function openStream(url: string): Promise<http.ClientRequest | null> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      if (response.statusCode !== 200) return resolve(null);
      response.on("data", (chunk: Buffer) => {
        if (chunk.includes("data: ")) resolve(request);
      });
      response.on("end", () => resolve(null));
      response.on("error", () => resolve(null));
    });
    request.on("error", () => resolve(null));
    request.setTimeout(60_000, () => resolve(null));
  });
}

export async function holdStreams(
  app: AppServer,
  count: number,
  newOrder: () => Promise<string>,
  stkQueriesSent: () => number,
) {
  const pid = app.pid();
  if (!pid) throw new Error("app not running");
  const embedded = (process.env.DATABASE_URL ?? "").includes(`:${process.env.EMBEDDED_PG_PORT}/`);
  const orders: string[] = [];
  for (let i = 0; i < count; i++) orders.push(await newOrder());
  const before = usage(pid);
  const connectionsBefore = await connections(embedded);
  const opening = Date.now();
  const opened = await Promise.all(orders.map((id) => openStream(`${app.url}/api/orders/${id}/events`)));
  const streams = opened.filter((s): s is http.ClientRequest => s !== null);
  const openedMs = Date.now() - opening;
  await new Promise((r) => setTimeout(r, 5_000));
  const idleStart = usage(pid);
  const queriesBefore = stkQueriesSent();
  const idleSeconds = 10;
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const idleEnd = usage(pid);
  const queries = stkQueriesSent() - queriesBefore;
  const connectionsHeld = await connections(embedded);
  for (const stream of streams) stream.destroy();
  const cpu = ((idleEnd.ticks - idleStart.ticks) / CLOCK_TICKS / idleSeconds) * 100;
  return {
    mode: embedded
      ? "embedded PGlite: one 250 ms indexed poll for the instance"
      : "PostgreSQL server: LISTEN",
    figures: {
      "streams open": `${streams.length} of ${count} (first events received within ${openedMs} ms)`,
      "app memory (RSS)": `${(before.rssKb / 1024).toFixed(0)} MB before, ${(idleEnd.rssKb / 1024).toFixed(0)} MB with the streams open`,
      "memory per stream": `${((idleEnd.rssKb - before.rssKb) / Math.max(1, streams.length)).toFixed(1)} KB`,
      "database connections (whole database, all processes)": `${connectionsBefore.total} before, ${connectionsHeld.total} with the streams open`,
      "LISTEN connections of the app": String(connectionsHeld.listeners),
      "app CPU while the shoppers wait": `${cpu.toFixed(1)} % of one core over ${idleSeconds} s`,
      // Orders older than 60 s are due their STK query, as a polling page's would be: part of that CPU.
      "STK queries the streams sent meanwhile (settling duty)": String(queries),
    },
  };
}
