import { Suspense } from "react";
import { LiveOverview } from "@/components/dashboard/live-overview";
import { OverviewSkeleton } from "@/components/dashboard/skeletons";
import { sellerPage } from "@/lib/auth/guards";
import { getDashboardSummary } from "@/lib/dashboard/summary";

export const metadata = { title: "Overview" };

async function Overview() {
  await sellerPage();
  return <LiveOverview initial={await getDashboardSummary()} />;
}

export default function DashboardPage() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Overview</h1>
      <Suspense fallback={<OverviewSkeleton />}>
        <Overview />
      </Suspense>
    </>
  );
}
