import Link from "next/link";
import { logout } from "@/lib/auth/actions";
import type { SellerUser } from "@/lib/auth/session";
import { SubmitButton } from "@/components/ui/submit-button";
import { MoreMenu } from "./more-menu";

type NavLink = { href: string; label: string };

const MAIN: NavLink[] = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/orders", label: "Orders" },
  { href: "/dashboard/products", label: "Products" },
  { href: "/dashboard/payments", label: "Payments" },
];

const LINKS: NavLink = { href: "/dashboard/links", label: "Links" };
const BLOCKED: NavLink = { href: "/dashboard/blocked", label: "Blocked numbers" };

const OWNER_ONLY: NavLink[] = [
  { href: "/dashboard/discounts", label: "Discounts" },
  { href: "/dashboard/staff", label: "Staff" },
  { href: "/dashboard/settings/notifications", label: "Notifications" },
  { href: "/dashboard/settings/delivery", label: "Delivery" },
  { href: "/dashboard/setup", label: "Setup" },
];

/**
 * On a phone: the four daily pages in a tab bar at the bottom (one row, under the thumb) and the owner's
 * settings behind "More". From a tablet up: one row at the top.
 */
export function DashboardNav({ user }: { user: SellerUser }) {
  // Payment links and blocked numbers (riders block at the door) are for everyone; the settings only for the owner.
  const more = [LINKS, BLOCKED, ...(user.role === "OWNER" ? OWNER_ONLY : [])];
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/dashboard" className="inline-block py-2 text-lg font-bold text-brand-700">
          Duka <span className="text-sm font-medium text-stone-500">seller</span>
        </Link>
        <nav aria-label="Dashboard" className="hidden flex-wrap gap-1 text-sm sm:flex">
          {[...MAIN, ...more].map((l) => (
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
      <nav
        aria-label="Dashboard tabs"
        data-testid="tab-bar"
        className="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)] sm:hidden"
      >
        <ul className="flex">
          {MAIN.map((l) => (
            <li key={l.href} className="min-w-0 flex-1">
              <Link
                href={l.href}
                className="flex min-h-14 items-center justify-center px-1 text-center text-xs font-medium text-stone-800 hover:bg-stone-100"
              >
                {l.label}
              </Link>
            </li>
          ))}
          {more.length > 0 && (
            <li className="min-w-0 flex-1">
              <MoreMenu className="group h-full">
                <summary className="flex min-h-14 cursor-pointer list-none items-center justify-center text-xs font-medium text-stone-800 hover:bg-stone-100 [&::-webkit-details-marker]:hidden">
                  More
                </summary>
                <ul className="absolute right-2 bottom-full mb-2 w-56 rounded-xl border border-stone-200 bg-white p-1 shadow-lg">
                  {more.map((l) => (
                    <li key={l.href}>
                      <Link
                        href={l.href}
                        className="flex min-h-11 items-center rounded-lg px-3 text-sm font-medium hover:bg-stone-100"
                      >
                        {l.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </MoreMenu>
            </li>
          )}
        </ul>
      </nav>
    </header>
  );
}
