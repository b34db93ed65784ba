import { z } from "zod";
import { tryNormalizePhone } from "@/lib/daraja";
import { withoutBidiControls } from "@/lib/plain-text";
import type { LinkLineInput } from "./pricing";

export const EXPIRY_HOURS = [24, 48, 72, 168] as const;

/** The seller's form, as typed: one entry per line in each list (item "" is a custom line). */
export function readLinkForm(formData: FormData) {
  const all = (name: string) => formData.getAll(name).map(String);
  return {
    customerName: String(formData.get("customerName") ?? ""),
    phone: String(formData.get("phone") ?? ""),
    delivery: String(formData.get("delivery") ?? ""),
    feeKes: String(formData.get("feeKes") ?? ""),
    expiresInHours: String(formData.get("expiresInHours") ?? "48"),
    sendSms: formData.get("sendSms") === "on",
    variantId: all("variantId"),
    name: all("name"),
    price: all("price"),
    qty: all("qty"),
  };
}

export type LinkFormValues = ReturnType<typeof readLinkForm>;

const whole = /^\d{1,6}$/;

/** The lines the seller filled in; rows left empty are skipped. Errors name the first bad row. */
function parseLines(v: LinkFormValues): { lines: LinkLineInput[] } | { error: string } {
  const lines: LinkLineInput[] = [];
  for (let i = 0; i < v.qty.length; i++) {
    const variantId = v.variantId[i] ?? "";
    const name = withoutBidiControls(v.name[i] ?? "").trim();
    const price = (v.price[i] ?? "").trim();
    const qty = (v.qty[i] ?? "").trim();
    if (!variantId && !name && !price) continue;
    const row = `Line ${i + 1}`;
    if (!whole.test(qty) || Number(qty) < 1 || Number(qty) > 99)
      return { error: `${row}: quantity 1 to 99.` };
    if (variantId) {
      lines.push({ kind: "product", variantId, quantity: Number(qty) });
      continue;
    }
    if (name.length < 2 || name.length > 80) return { error: `${row}: name the item (2 to 80 characters).` };
    if (!whole.test(price) || Number(price) < 1)
      return { error: `${row}: price in whole shillings, e.g. 1500.` };
    lines.push({ kind: "custom", name, unitPriceKes: Number(price), quantity: Number(qty) });
  }
  return lines.length > 0 ? { lines } : { error: "Add at least one item." };
}

const header = z.object({
  customerName: z
    .string()
    .transform(withoutBidiControls)
    .pipe(z.string().trim().min(2, "Enter the customer's name.").max(80, "Use at most 80 characters.")),
  phone: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const msisdn = tryNormalizePhone(value);
      if (!msisdn)
        ctx.addIssue({ code: "custom", message: "Enter a Kenyan mobile number, e.g. 0712 345 678." });
      return msisdn ?? "";
    }),
  delivery: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Choose pickup or a delivery zone."),
  feeKes: z.union([
    z.literal("").transform(() => null),
    z
      .string()
      .regex(whole, "Enter the fee in whole shillings, or leave it empty for the zone's fee.")
      .transform(Number)
      .refine((n) => n <= 50_000, "The fee can be at most KES 50,000."),
  ]),
  expiresInHours: z.coerce
    .number()
    .refine((h) => (EXPIRY_HOURS as readonly number[]).includes(h), "Choose how long the link works."),
});

/** The whole form, or field errors to show next to each field (what was typed is kept by the form). */
export function parseLinkForm(v: LinkFormValues) {
  const parsed = header.safeParse(v);
  const lines = parseLines(v);
  const fieldErrors: Record<string, string[] | undefined> = parsed.success
    ? {}
    : z.flattenError(parsed.error).fieldErrors;
  if ("error" in lines) fieldErrors.lines = [lines.error];
  if (!parsed.success || "error" in lines) return { ok: false as const, fieldErrors };
  return { ok: true as const, data: { ...parsed.data, lines: lines.lines, sendSms: v.sendSms } };
}
