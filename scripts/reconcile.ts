// `npm run reconcile`: what the cron route does, from the command line (settle stale attempts by
// STK query, expire unpaid orders and release their stock). Runs with the react-server condition so the
// server-only modules load outside Next.js.
import { prisma } from "@/lib/db";
import { drainNotifications } from "@/lib/notifications/drain";
import { reconcileAll } from "@/lib/payments/stk/reconcile";
import { recordJobRun } from "@/lib/setup/job-runs";

const result = await reconcileAll();
await recordJobRun("reconcile");
console.log(
  `[reconcile] queried ${result.queried} attempts ${JSON.stringify(result.answers)}, expired ${result.expired} orders`,
);
console.log(`[reconcile] notifications ${JSON.stringify(await drainNotifications())}`);
await prisma.$disconnect();
