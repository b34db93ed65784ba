// `npm run reconcile`: the cron route's work from the command line (lib/setup/scheduled-work.ts: settle stale
// attempts by STK query, expire unpaid orders, settle refunds, send the messages still due, prune old
// rejected callbacks), recorded as the cron's run. Runs with the react-server condition so the server-only
// modules load outside Next.js.
import { prisma } from "@/lib/db";
import { runScheduledJob } from "@/lib/setup/scheduled-work";

try {
  console.log(`[reconcile] ${JSON.stringify(await runScheduledJob())}`);
} finally {
  await prisma.$disconnect();
}
