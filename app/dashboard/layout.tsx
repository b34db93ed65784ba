import type { Metadata } from "next";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { sellerPage } from "@/lib/auth/guards";

export const metadata: Metadata = {
  title: { default: "Dashboard", template: "%s | Duka dashboard" },
  robots: { index: false },
  // Sellers add the dashboard to their phone's home screen; the shop itself has no manifest.
  manifest: "/seller.webmanifest",
  appleWebApp: { capable: true, title: "Duka seller" },
  icons: { apple: "/icons/dashboard-192.png" },
};

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await sellerPage();
  return (
    <div className="min-h-screen">
      <DashboardNav user={user} />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 pt-6 pb-24 sm:pb-6">
        {children}
      </main>
    </div>
  );
}
