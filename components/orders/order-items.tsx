import type { OrderView } from "@/lib/orders/order-view";
import { deliveryLabel } from "@/lib/delivery/describe";
import { formatKes } from "@/lib/format";

export function OrderItems({ view }: { view: OrderView }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Items in order {view.reference}</caption>
      <tbody>
        {view.items.map((item) => (
          <tr key={item.name} className="border-b border-stone-100">
            <td className="py-1">
              {item.quantity} × {item.name}
            </td>
            <td className="py-1 text-right">
              <span className="whitespace-nowrap">{formatKes(item.quantity * item.unitPriceKes)}</span>
            </td>
          </tr>
        ))}
        {view.delivery && (
          <tr className="border-b border-stone-100">
            <td className="py-1">{deliveryLabel(view.delivery)}</td>
            <td className="py-1 text-right" data-testid="order-delivery-fee">
              {view.delivery.feeKes === 0 ? "Free" : formatKes(view.delivery.feeKes)}
            </td>
          </tr>
        )}
        {view.discount && (
          <tr className="border-b border-stone-100 text-brand-700">
            <td className="py-1">Discount ({view.discount.code})</td>
            <td className="py-1 text-right">−{formatKes(view.discount.amountKes)}</td>
          </tr>
        )}
        <tr className="font-semibold">
          <td className="pt-2">Total</td>
          <td className="pt-2 text-right">
            <span className="whitespace-nowrap">{formatKes(view.totalKes)}</span>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
