import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { createDarajaClient, DarajaAuthError } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { formatDistanceStrict } from "date-fns";
import { formatEat } from "@/lib/format";
import { callbackProblem, callbackUrlFor, configProblems } from "./config-checks";
import { lastJobRun } from "./job-runs";
import { notificationChecks } from "./notification-checks";
import type { SetupCheck } from "./setup-check";

const CRON_STALE_MS = 25 * 3600_000;

async function databaseCheck(): Promise<SetupCheck> {
  const label = "Database migrated";
  const applied = await prisma.$queryRaw<{ name: string; done: boolean }[]>`
    SELECT "migration_name" AS name, ("finished_at" IS NOT NULL AND "rolled_back_at" IS NULL) AS done
    FROM "_prisma_migrations"`.catch(() => null);
  const fix = "Run `prisma migrate deploy` against this database (the Vercel build does it).";
  if (!applied) return { id: "database", label, status: "problem", detail: "No migrations table.", fix };
  const failed = applied.filter((m) => !m.done).map((m) => m.name);
  // The folder is not shipped to serverless functions; there the applied list is all we can see.
  const shipped = await readdir(path.join(process.cwd(), "prisma/migrations")).catch(() => [] as string[]);
  const missing = shipped.filter((d) => /^\d{14}_/.test(d) && !applied.some((m) => m.name === d));
  if (failed.length + missing.length > 0)
    return {
      id: "database",
      label,
      status: "problem",
      detail: `Not applied: ${[...failed, ...missing].join(", ")}.`,
      fix,
    };
  return { id: "database", label, status: "ok", detail: `${applied.length} migrations applied.` };
}

async function darajaCheck(): Promise<SetupCheck> {
  const label = `Daraja credentials (${env.mpesa.env})`;
  try {
    // A fresh client, so the check asks Daraja now instead of trusting a cached token.
    await createDarajaClient(env.mpesa).getToken();
    return {
      id: "daraja",
      label,
      status: "ok",
      detail: `${env.mpesa.baseUrl} accepted the consumer key and secret.`,
    };
  } catch (e) {
    if (!(e instanceof DarajaAuthError)) throw e;
    const detail = `${env.mpesa.baseUrl} answered: ${e.error.errorMessage ?? e.error.kind}.`;
    const fix =
      env.mpesa.env === "emulator"
        ? "Start the emulator (`npm run dev` does) or set MPESA_ENV and your Daraja app's keys."
        : "Copy MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET again from your app on the Daraja portal.";
    return { id: "daraja", label, status: "problem", detail, fix };
  }
}

function callbackCheck(): SetupCheck {
  const label = "Callback URL public, https, free of filtered words";
  const problem = callbackProblem(env);
  const detail = `${callbackUrlFor(env)}${problem ? `: ${problem}.` : ""}`;
  if (problem)
    return {
      id: "callback",
      label,
      status: "problem",
      detail,
      fix: "Set PUBLIC_URL to this shop's public https address, on a domain without words Daraja filters.",
    };
  if (env.mpesa.env === "emulator")
    return {
      id: "callback",
      label,
      status: "info",
      detail: `${detail} (fine for the emulator, not for Daraja).`,
    };
  return { id: "callback", label, status: "ok", detail };
}

async function cronCheck(): Promise<SetupCheck> {
  const label = "Reconcile cron";
  const last = await lastJobRun("reconcile");
  const ran = last
    ? `Last run ${formatDistanceStrict(last, new Date(), { addSuffix: true })} (${formatEat(last, "d MMM HH:mm")}).`
    : "Never ran yet.";
  if (!env.cronSecret)
    return {
      id: "cron",
      label,
      status: env.devDefaults ? "info" : "problem",
      detail: `CRON_SECRET is not set. ${ran}`,
      fix: "Set CRON_SECRET to 16+ random characters: Vercel Cron sends it to /api/cron/reconcile.",
    };
  if (!last || Date.now() - last.getTime() > CRON_STALE_MS)
    return {
      id: "cron",
      label,
      status: "problem",
      detail: `CRON_SECRET is set. ${ran}`,
      fix: "Check the cron in vercel.json is deployed and answers 200 in the Vercel logs.",
    };
  return { id: "cron", label, status: "ok", detail: `CRON_SECRET is set. ${ran}` };
}

async function lastCallbackCheck(): Promise<SetupCheck> {
  const label = "Last callback received";
  const last = await prisma.callbackEvent.findFirst({ orderBy: { receivedAt: "desc" } });
  if (!last)
    return { id: "last-callback", label, status: "info", detail: "None yet: send the test payment below." };
  const when = formatEat(last.receivedAt, "d MMM HH:mm");
  if (last.verdict === "REJECTED")
    return {
      id: "last-callback",
      label,
      status: "problem",
      detail: `${when}, rejected: ${last.reason ?? "no reason recorded"}.`,
      fix: "Open the order's timeline; check MPESA_CALLBACK_IPS if the source address was refused.",
    };
  return { id: "last-callback", label, status: "ok", detail: `${when}, ${last.verdict.toLowerCase()}.` };
}

function storageCheck(): SetupCheck {
  const label = "Product photo storage";
  if (env.storage.blobToken) return { id: "storage", label, status: "ok", detail: "Vercel Blob." };
  if (env.storage.onVercel)
    return {
      id: "storage",
      label,
      status: "problem",
      detail: `Local folder ${env.uploadDir}, which Vercel wipes between calls.`,
      fix: "Connect a Blob store to this Vercel project (Storage tab); it sets BLOB_READ_WRITE_TOKEN.",
    };
  return {
    id: "storage",
    label,
    status: "ok",
    detail: `Local folder ${env.uploadDir}: kept as long as this server's disk is.`,
  };
}

/** Other configuration problems the boot check found (it only warns outside a real deployment). */
function otherConfigChecks(): SetupCheck[] {
  return configProblems(env)
    .filter((p) => p.variable !== "PUBLIC_URL" && p.variable !== "BLOB_READ_WRITE_TOKEN")
    .map((p) => ({ id: `config-${p.variable}`, label: p.variable, status: "problem", detail: p.problem }));
}

/** Everything the owner's Setup page shows, in the order a new seller fixes things. */
export async function runSetupChecks(): Promise<SetupCheck[]> {
  const [database, daraja, cron, lastCallback, notifications] = await Promise.all([
    databaseCheck(),
    darajaCheck(),
    cronCheck(),
    lastCallbackCheck(),
    notificationChecks(),
  ]);
  return [
    database,
    daraja,
    callbackCheck(),
    ...otherConfigChecks(),
    cron,
    lastCallback,
    ...notifications,
    storageCheck(),
  ];
}

/** The phone the owner's KES 1 test payment goes to (kept on the owner's account). */
export async function ownerTestPhone(userId: string): Promise<string> {
  const owner = await prisma.user.findUnique({ where: { id: userId }, select: { phone: true } });
  return owner?.phone ?? "";
}
