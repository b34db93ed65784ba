import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { OrderStatus } from "@/components/orders/order-status";
import { drainQuietly } from "@/lib/notifications/drain";
import { isOrderPublicId, readOrderView, settleOrderIfDue } from "@/lib/orders/order-view";
import { sweepAfterResponse } from "@/lib/setup/scheduled-work";

// The checkout action and the order page may wait on Daraja (token + push or query, 15 s timeouts each).
export const maxDuration = 60;

export const metadata: Metadata = { title: "Your order", robots: { index: false } };

type Props = { params: Promise<{ publicId: string }> };

export default async function OrderPage({ params }: Props) {
  const { publicId } = await params;
  if (!isOrderPublicId(publicId)) notFound();
  const view = await readOrderView(publicId);
  if (!view) notFound();
  // An overdue prompt is asked about (STK query) once the page is sent, never while it renders: the page's
  // live status shows the answer. Settling may pay it: its messages go then, not at the next cron.
  after(async () => {
    await settleOrderIfDue(publicId);
    await drainQuietly();
  });
  // An open order page is a visitor: due work of the whole shop is picked up here between cron runs.
  sweepAfterResponse();
  return (
    <div className="mx-auto max-w-lg">
      <OrderStatus initial={view} />
    </div>
  );
}
