import "server-only";
import { prisma } from "@/lib/db";

/** The numbers refused pay on delivery, newest first, for the seller's list. */
export function listBlockedNumbers() {
  return prisma.blockedPhone.findMany({ orderBy: { createdAt: "desc" }, take: 500 });
}
