import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { OrderStatus } from "@/components/orders/order-status";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { isOrderPublicId, readOrderView, settleOrderIfDue } from "@/lib/orders/order-view";
import { ensureC2bRegisteredInDevelopment } from "@/lib/payments/c2b/registration";
import { sweepQuietly } from "@/lib/setup/scheduled-work";

// The checkout action and the order page may wait on Daraja (token + push or query, 15 s timeouts each).
export const maxDuration = 60;

export const metadata: Metadata = { title: "Your order", robots: { index: false } };

type Props = { params: Promise<{ publicId: string }> };

export default async function OrderPage({ params }: Props) {
  const { publicId } = await params;
  if (!isOrderPublicId(publicId)) notFound();
  await settleOrderIfDue(publicId);
  const view = await readOrderView(publicId);
  if (!view) notFound();
  // Pay Bill needs the shop's C2B URLs; against the emulator they register themselves (after the answer).
  if (view.payByHand) after(ensureC2bRegisteredInDevelopment);
  // Settling may just have paid it: its messages go now, not at the next cron.
  if (view.state === "paid") drainAfterResponse();
  // An open order page is a visitor: due work of the whole shop is picked up here between cron runs.
  after(sweepQuietly);
  return (
    <div className="mx-auto max-w-lg">
      <OrderStatus initial={view} />
    </div>
  );
}
