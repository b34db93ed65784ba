import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { OrderStatus } from "@/components/orders/order-status";
import { isOrderPublicId, readOrderView, settleOrderIfDue } from "@/lib/orders/order-view";
import { ensureC2bRegisteredInDevelopment } from "@/lib/payments/c2b/registration";

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
  return (
    <div className="mx-auto max-w-lg">
      <OrderStatus initial={view} />
    </div>
  );
}
