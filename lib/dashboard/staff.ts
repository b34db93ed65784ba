import "server-only";
import { prisma } from "@/lib/db";

export async function listTeam() {
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      lockedUntil: true,
      createdAt: true,
    },
  });
}
