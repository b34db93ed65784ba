import { OwnerOnly } from "@/components/dashboard/owner-only";
import { CreateStaffForm, DisableForm, ResetPasswordForm } from "@/components/dashboard/staff-forms";
import { sellerPage } from "@/lib/auth/guards";
import { listTeam } from "@/lib/dashboard/staff";
import { formatEat } from "@/lib/format";

export const metadata = { title: "Staff" };

export default async function StaffPage() {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="manage staff accounts" />;
  const team = await listTeam();
  const now = new Date();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Staff</h1>
      <p className="text-sm text-stone-600">
        Staff can see and fulfil orders. Only the owner manages products, stock and accounts.
      </p>
      <CreateStaffForm />
      <ul
        className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white"
        data-testid="team-list"
      >
        {team.map((m) => (
          <li key={m.id} className="space-y-2 px-3 py-3 text-sm" data-testid="team-member">
            <p>
              <span className="font-medium">{m.name}</span> <span className="text-stone-600">{m.email}</span>{" "}
              <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                {m.role === "OWNER" ? "Owner" : "Staff"}
              </span>
              {m.disabled && (
                <span className="ml-1 rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-800">Disabled</span>
              )}
              {m.lockedUntil && m.lockedUntil > now && (
                <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                  Locked until {formatEat(m.lockedUntil, "HH:mm")}
                </span>
              )}
            </p>
            {m.role === "STAFF" && (
              <div className="flex flex-wrap items-end gap-4">
                <ResetPasswordForm id={m.id} name={m.name} />
                <DisableForm id={m.id} disabled={m.disabled} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
