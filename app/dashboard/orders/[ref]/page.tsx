import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryCard } from "@/components/dashboard/delivery/delivery-card";
import { FulfilmentForm } from "@/components/dashboard/fulfilment-form";
import { MessageList } from "@/components/dashboard/message-list";
import { card } from "@/components/dashboard/order/card";
import { CustomerCard } from "@/components/dashboard/order/customer-card";
import { DoorPayment } from "@/components/dashboard/order/door-payment";
import { CancelOrderForm } from "@/components/dashboard/order/cancel-order-form";
import { CancelPaidForm } from "@/components/dashboard/order/cancel-paid-form";
import { ItemsCard } from "@/components/dashboard/order/items-card";
import { MoneyCard } from "@/components/dashboard/order/money-card";
import { OrderHeader } from "@/components/dashboard/order/order-header";
import { PaymentTimeline } from "@/components/dashboard/order/payment-timeline";
import { RefundForm } from "@/components/dashboard/order/refund-form";
import { RefundsCard } from "@/components/dashboard/order/refunds-card";
import { sellerPage } from "@/lib/auth/guards";
import { decodedSegment } from "@/lib/http/content-security-policy";
import { getOrderDetail, moneyOfOrder } from "@/lib/dashboard/orders";
import { buildTimeline } from "@/lib/dashboard/timeline";
import { listOrderMessages } from "@/lib/notifications/queries";
import { readOrderView } from "@/lib/orders/order-view";
import { isOpenOrder } from "@/lib/payments/core/status-groups";
import { doorFailureMessage } from "@/lib/payments/on-delivery/door-words";
import { orderRefunds, refundAvailability } from "@/lib/dashboard/refunds";
import { previewRefund } from "@/lib/payments/refunds/preview";

type Props = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Order ${decodedSegment((await params).ref) ?? ""}` };
}

export default async function OrderPage({ params }: Props) {
  const user = await sellerPage();
  const reference = decodedSegment((await params).ref);
  const order = reference === null ? null : await getOrderDetail(reference);
  if (!order) notFound();
  const timeline = buildTimeline(order);
  const method = order.delivery?.method ?? null;
  const [messages, refunds, refund] = await Promise.all([
    listOrderMessages(order.id),
    orderRefunds(order.id),
    refundAvailability(order.id),
  ]);
  const unpaid = !order.isTest && isOpenOrder(order.status);
  const toCollect = unpaid && order.paymentMethod === "ON_DELIVERY";
  // Paid at the door: the panel stays, saying so, where the rider watched it turn.
  const atTheDoor = toCollect || (order.paymentMethod === "ON_DELIVERY" && order.status === "PAID");
  const view = unpaid || atTheDoor ? await readOrderView(order.publicId) : null;
  const cancelPaid = user.role === "OWNER" && order.status === "PAID" && !order.isTest;
  // Kept in place once cancelled, so the cancel form's answer survives the page's refresh after it.
  const cancelledByOwner = user.role === "OWNER" && order.status === "CANCELLED";
  const cancelPreview =
    cancelPaid && refund.refundableKes > 0 && !refund.offReason
      ? await previewRefund(order.id, refund.refundableKes)
      : null;
  return (
    <div className="space-y-4">
      <Link
        href="/dashboard/orders"
        className="inline-flex min-h-11 items-center text-sm text-brand-700 hover:underline"
        data-nav-link
      >
        ← Orders
      </Link>
      <OrderHeader order={order} />
      {view && (
        <DoorPayment
          initial={view}
          reference={order.reference}
          failure={doorFailureMessage(order.attempts.at(-1))}
        />
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <CustomerCard order={order} />
        <ItemsCard order={order} />
      </div>
      <MoneyCard money={moneyOfOrder(order)} />
      <RefundsCard refunds={refunds} />
      {user.role === "OWNER" && refund.refundableKes > 0 && refund.offReason && (
        <section className={card} aria-label="Refund">
          <p className="text-sm text-amber-800">Refunds by M-Pesa are off: {refund.offReason}.</p>
        </section>
      )}
      {/* Kept mounted once something was refunded, so the form's answer survives the page's refresh. */}
      {user.role === "OWNER" && !refund.offReason && (refund.refundableKes > 0 || refunds.length > 0) && (
        <RefundForm reference={order.reference} refundableKes={refund.refundableKes} />
      )}
      {order.delivery && <DeliveryCard delivery={order.delivery} feeKes={order.deliveryFeeKes} />}
      {(order.status === "PAID" || toCollect) && (
        <FulfilmentForm
          reference={order.reference}
          method={method}
          fulfilment={order.fulfilment}
          paid={order.status === "PAID"}
        />
      )}
      {isOpenOrder(order.status) && (
        <section className={card} aria-label="Cancel">
          <CancelOrderForm reference={order.reference} />
        </section>
      )}
      {(cancelPaid || cancelledByOwner) && (
        <CancelPaidForm
          reference={order.reference}
          cancelled={!cancelPaid}
          refundableKes={refund.refundableKes}
          refundSentence={cancelPreview?.ok ? cancelPreview.sentence : null}
          offReason={refund.offReason ?? (cancelPreview && !cancelPreview.ok ? cancelPreview.error : null)}
        />
      )}
      <PaymentTimeline timeline={timeline} />
      <section className={card} aria-labelledby="messages-h">
        <h2 id="messages-h" className="font-semibold">
          Messages
        </h2>
        <MessageList messages={messages} canResend={user.role === "OWNER"} />
      </section>
    </div>
  );
}
