/** The seller side of dashboard tests: the seeded owner, a STAFF user, and server-action form data. */
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";

/** A FormData holding the given fields, as a dashboard form would post them. */
export function formOf(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** The seeded owner, and a new STAFF user with the given email, as session users. */
export async function ownerAndStaff(staffEmail: string): Promise<{ owner: SellerUser; staff: SellerUser }> {
  const o = await prisma.user.findFirstOrThrow({ where: { role: "OWNER" } });
  const s = await prisma.user.create({
    data: { email: staffEmail, name: "Staff", passwordHash: "x", role: "STAFF" },
  });
  return {
    owner: { id: o.id, email: o.email, name: o.name, role: "OWNER" },
    staff: { id: s.id, email: s.email, name: s.name, role: "STAFF" },
  };
}
