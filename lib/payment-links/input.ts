import { z } from "zod";
import { type FieldErrors, fieldErrorsOf } from "@/lib/action-result";
import { emptyAsNull, mobileNumber, wholeShillings } from "@/lib/form-fields";
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

/** A quantity from 1 to 99, typed in a box. */
const quantity = z
  .string()
  .trim()
  .regex(/^\d+$/, { error: "Enter a quantity from 1 to 99.", abort: true })
  .max(2, "Enter a quantity from 1 to 99.")
  .transform(Number)
  .refine((n) => n >= 1, "Enter a quantity from 1 to 99.");

/** One line of the link as typed: a custom line has its own name and price; a catalogue line only a quantity. */
export const linkLineInput = z.object({
  name: z
    .string()
    .transform(withoutBidiControls)
    .pipe(z.string().trim().min(2, "Name the item.").max(80, "Use at most 80 characters.")),
  price: wholeShillings(999_999, "price", { min: 1 }),
  qty: quantity,
});
const catalogueLine = linkLineInput.pick({ qty: true });

/** The id of a line's box (`qty-1`): a line's errors are keyed by it, so the error summary links to the box. */
export const lineFieldId = (field: string, row: number) => `${field}-${row}`;

function rowErrors(error: z.ZodError, row: number): FieldErrors {
  return Object.fromEntries(
    Object.entries(fieldErrorsOf(error)).map(([field, messages]) => [lineFieldId(field, row), messages]),
  );
}

type Row = { variantId: string; name: string; price: string; qty: string };

function parseLine(row: Row, i: number): { line: LinkLineInput } | { errors: FieldErrors } {
  if (row.variantId) {
    const parsed = catalogueLine.safeParse(row);
    if (!parsed.success) return { errors: rowErrors(parsed.error, i) };
    return { line: { kind: "product", variantId: row.variantId, quantity: parsed.data.qty } };
  }
  const parsed = linkLineInput.safeParse(row);
  if (!parsed.success) return { errors: rowErrors(parsed.error, i) };
  const { name, price, qty } = parsed.data;
  return { line: { kind: "custom", name, unitPriceKes: price, quantity: qty } };
}

/** The lines the seller filled in (rows left empty are skipped), or every bad row's errors. */
function parseLines(v: LinkFormValues): { lines: LinkLineInput[]; errors: FieldErrors } {
  const lines: LinkLineInput[] = [];
  const errors: FieldErrors = {};
  v.qty.forEach((qty, i) => {
    const row = { variantId: v.variantId[i] ?? "", name: v.name[i] ?? "", price: v.price[i] ?? "", qty };
    if (!row.variantId && !row.name.trim() && !row.price.trim()) return;
    const parsed = parseLine(row, i);
    if ("line" in parsed) lines.push(parsed.line);
    else Object.assign(errors, parsed.errors);
  });
  if (lines.length === 0 && Object.keys(errors).length === 0)
    errors[lineFieldId("variantId", 0)] = ["Add an item: choose one, or type a name and price."];
  return { lines, errors };
}

/** Who the link is for, how it is delivered and for how long it works. */
export const linkFormInput = z.object({
  customerName: z
    .string()
    .transform(withoutBidiControls)
    .pipe(z.string().trim().min(2, "Enter the customer's name.").max(80, "Use at most 80 characters.")),
  phone: mobileNumber(),
  delivery: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Choose pickup or a delivery zone."),
  feeKes: emptyAsNull(wholeShillings(50_000, "fee")),
  expiresInHours: z.coerce
    .number()
    .refine((h) => (EXPIRY_HOURS as readonly number[]).includes(h), "Choose how long the link works."),
});

/** The whole form, or every field's errors to show next to it (what was typed is kept by the form). */
export function parseLinkForm(v: LinkFormValues) {
  const parsed = linkFormInput.safeParse(v);
  const lines = parseLines(v);
  const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...lines.errors };
  if (!parsed.success || Object.keys(lines.errors).length > 0) return { ok: false as const, fieldErrors };
  return { ok: true as const, data: { ...parsed.data, lines: lines.lines, sendSms: v.sendSms } };
}
