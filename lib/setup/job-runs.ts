import "server-only";
import { prisma } from "@/lib/db";

/** "reconcile": the cron route (Vercel Cron or an outside scheduler); "sweep": due work picked up by requests. */
export type JobName = "reconcile" | "sweep";

/** Remembers that a scheduled job ran, for the Setup page. */
export async function recordJobRun(name: JobName, at = new Date()) {
  await prisma.jobRun.upsert({ where: { name }, create: { name, lastRunAt: at }, update: { lastRunAt: at } });
}

export async function lastJobRun(name: JobName): Promise<Date | null> {
  return (await prisma.jobRun.findUnique({ where: { name } }))?.lastRunAt ?? null;
}
