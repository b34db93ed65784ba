import "server-only";
import { prisma } from "@/lib/db";
import { hashToken } from "@/lib/payments/shared/identifiers";

export type LinkState = "open" | "expired" | "cancelled" | "ordered" | "paid";

/** A link as its holder sees it, and where it stands: its live or paid order wins over its expiry. */
export async function readPaymentLink(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const link = await prisma.paymentLink.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      lines: { orderBy: { id: "asc" } },
      orders: {
        where: { status: { in: ["PENDING", "FAILED", "PAID"] } },
        select: { publicId: true, status: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  if (!link) return null;
  const order = link.orders[0] ?? null;
  const state: LinkState =
    order?.status === "PAID"
      ? "paid"
      : order
        ? "ordered"
        : link.cancelledAt
          ? "cancelled"
          : link.expiresAt <= now
            ? "expired"
            : "open";
  return { ...link, state, orderPublicId: order?.publicId ?? null };
}

/** The seller's latest links with where each stands. */
export async function listRecentLinks(take = 20) {
  const links = await prisma.paymentLink.findMany({
    orderBy: { createdAt: "desc" },
    take,
    include: {
      orders: { select: { reference: true, status: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  return links.map((l) => ({
    id: l.id,
    customerName: l.customerName,
    totalKes: l.goodsKes + l.deliveryFeeKes,
    expiresAt: l.expiresAt,
    createdAt: l.createdAt,
    order: l.orders[0] ?? null,
  }));
}
