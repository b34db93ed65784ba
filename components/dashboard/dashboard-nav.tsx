import Link from "next/link";
import { logout } from "@/lib/auth/actions";
import type { SellerUser } from "@/lib/auth/session";
import { SubmitButton } from "@/components/ui/submit-button";

export function DashboardNav({ user }: { user: SellerUser }) {
  const links = [
    { href: "/dashboard", label: "Overview" },
    { href: "/dashboard/orders", label: "Orders" },
    { href: "/dashboard/products", label: "Products" },
    { href: "/dashboard/payments", label: "Payments" },
    ...(user.role === "OWNER"
      ? [
          { href: "/dashboard/discounts", label: "Discounts" },
          { href: "/dashboard/staff", label: "Staff" },
          { href: "/dashboard/settings/notifications", label: "Notifications" },
          { href: "/dashboard/settings/delivery", label: "Delivery" },
          { href: "/dashboard/setup", label: "Setup" },
        ]
      : []),
  ];
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/dashboard" className="text-lg font-bold text-brand-700">
          Duka <span className="text-sm font-medium text-stone-500">seller</span>
        </Link>
        <nav
          aria-label="Dashboard"
          className="order-last flex w-full flex-wrap gap-1 text-sm sm:order-none sm:w-auto"
        >
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className="inline-flex min-h-11 shrink-0 items-center rounded-lg px-3 font-medium hover:bg-stone-100"
            >
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2 text-sm">
          <span className="hidden text-stone-600 sm:inline" data-testid="signed-in-as">
            {user.name} ({user.role === "OWNER" ? "owner" : "staff"})
          </span>
          <form action={logout}>
            <SubmitButton variant="secondary" className="text-sm">
              Sign out
            </SubmitButton>
          </form>
        </div>
      </div>
    </header>
  );
}
