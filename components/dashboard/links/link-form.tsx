"use client";

import { useState } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { CheckboxField, PhoneField, SelectField, TextField, inputClass } from "@/components/ui/field";
import { ShareButtons } from "@/components/ui/share-buttons";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/action-result";
import { type LinkFormState, makePaymentLink } from "@/lib/dashboard/link-actions";
import { formatKes } from "@/lib/format";
import {
  EXPIRY_HOURS,
  type LinkFormValues,
  lineFieldId,
  linkFormInput,
  linkLineInput,
} from "@/lib/payment-links/input";

const rules = inputRules(linkFormInput);
const lineRules = inputRules(linkLineInput);

type Option = { key: string; label: string; feeKes: number };
/** A product's variant ("Ankara Wrap Dress, Red / M"), or a product without options as its one variant. */
type Item = { id: string; name: string; priceKes: number; stock: number };
type Row = { variantId: string; name: string; price: string; qty: string };

const emptyRow = (): Row => ({ variantId: "", name: "", price: "", qty: "1" });

/** Rows as typed before a refusal, or one empty row. */
function startRows(v: Partial<LinkFormValues>): Row[] {
  if (!v.qty?.length) return [emptyRow()];
  return v.qty.map((qty, i) => ({
    variantId: v.variantId?.[i] ?? "",
    name: v.name?.[i] ?? "",
    price: v.price?.[i] ?? "",
    qty,
  }));
}

/** The seller builds an order in a chat: items (catalogue or custom), delivery, customer; then shares it. */
export function LinkForm({ items, options }: { items: Item[]; options: Option[] }) {
  const form = useActionForm<LinkFormState>(makePaymentLink, null, rules);
  const [rows, setRows] = useState<Row[]>(() => startRows(form.values));
  if (form.success) return <LinkMade made={form.success} />;
  const update = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  /** A line's box: its id (errors are keyed by it), what it holds, its error and its rule. */
  const line = (field: "name" | "price" | "qty", i: number, label: string) => ({
    id: lineFieldId(field, i),
    name: field,
    // Named for the summary and screen readers; every line's boxes look alike.
    label: (
      <>
        {label}
        <span className="sr-only"> of item {i + 1}</span>
      </>
    ),
    // A catalogue line sends no name or price of its own.
    value: field !== "qty" && rows[i]!.variantId ? "" : rows[i]![field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => update(i, { [field]: e.target.value }),
    errors: form.errors[lineFieldId(field, i)],
    ...lineRules[field],
  });
  return (
    <ActionForm form={form} className="space-y-4">
      <fieldset className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
        <legend className="px-1 font-semibold">Items</legend>
        {rows.map((row, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-stone-200 p-3" data-testid="link-line">
            <SelectField
              id={lineFieldId("variantId", i)}
              name="variantId"
              label={`Item ${i + 1}`}
              value={row.variantId}
              onChange={(e) => update(i, { variantId: e.target.value })}
              errors={form.errors[lineFieldId("variantId", i)]}
            >
              <option value="">Custom item (type name and price)</option>
              {items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {formatKes(p.priceKes)}
                  {p.stock <= 0 ? " · sold out" : ""}
                </option>
              ))}
            </SelectField>
            <div className={row.variantId ? "hidden" : "grid grid-cols-2 gap-2"}>
              <TextField {...line("name", i, "Name")} />
              <TextField inputMode="numeric" {...line("price", i, "Price (KES)")} />
            </div>
            <TextField inputMode="numeric" {...line("qty", i, "Quantity")} />
          </div>
        ))}
        <button
          type="button"
          onClick={() => setRows((rs) => [...rs, emptyRow()])}
          className="min-h-11 w-full rounded-lg border border-dashed border-stone-400 px-4 py-2 text-sm font-medium"
        >
          Add another item
        </button>
      </fieldset>
      <fieldset className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
        <legend className="px-1 font-semibold">Customer and delivery</legend>
        <TextField label="Customer's name" autoComplete="off" {...form.field("customerName")} />
        <PhoneField
          label="Customer's phone"
          autoComplete="off"
          hint="The SMS and the WhatsApp message go to this number."
          {...form.field("phone")}
        />
        <SelectField label="Delivery" {...form.field("delivery", options[0]?.key)}>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label} · {o.feeKes === 0 ? "free" : formatKes(o.feeKes)}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Delivery fee (KES, optional)"
          inputMode="numeric"
          hint="Leave empty for the option's usual fee."
          {...form.field("feeKes")}
        />
        <SelectField
          label="Link works for"
          name="expiresInHours"
          defaultValue={form.values.expiresInHours ?? "48"}
          errors={form.errors.expiresInHours}
        >
          {EXPIRY_HOURS.map((h) => (
            <option key={h} value={h}>
              {h < 48 ? `${h} hours` : `${h / 24} days`}
            </option>
          ))}
        </SelectField>
        <CheckboxField label="Also send the link by SMS" {...form.checkbox("sendSms", true)} />
      </fieldset>
      <SubmitButton className="w-full py-3 text-lg">Make payment link</SubmitButton>
    </ActionForm>
  );
}

function LinkMade({ made }: { made: Extract<NonNullable<LinkFormState>, { ok: true }> }) {
  return (
    <section className="space-y-3 rounded-xl border border-brand-500 bg-white p-4" data-testid="link-made">
      <h2 className="font-semibold text-brand-700">Link ready: {formatKes(made.link.totalKes)}</h2>
      <label htmlFor="link-url" className="block text-sm font-medium">
        Payment link
      </label>
      <input
        id="link-url"
        readOnly
        value={made.link.url}
        className={`${inputClass} font-mono`}
        data-testid="link-url"
      />
      {made.link.stockWarnings.map((w) => (
        <p
          key={w}
          className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="link-stock-warning"
        >
          {w}
        </p>
      ))}
      <ShareButtons whatsappUrl={made.link.whatsappUrl} copyText={made.link.url} />
      {made.smsQueued && (
        <p className="text-sm text-stone-600">An SMS with the link is on its way to the customer.</p>
      )}
      <a
        href="/dashboard/links"
        className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
      >
        Make another link
      </a>
    </section>
  );
}
