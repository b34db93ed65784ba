import { maskPhone } from "@/lib/daraja";

type PaymentEvent = {
  event: string;
  order?: string;
  attempt?: string;
  checkoutRequestId?: string | null;
  transition?: string;
  phone?: string;
  [detail: string]: unknown;
};

/** One structured line per payment event. Phones are masked; secrets and tokens never reach here. */
export function logPaymentEvent({ phone, ...fields }: PaymentEvent) {
  const line = {
    at: new Date().toISOString(),
    scope: "payments",
    ...fields,
    ...(phone ? { phone: maskPhone(phone) } : {}),
  };
  console.log(JSON.stringify(line));
}
