"use client";

import { useActionState, useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type LinkFormState, makePaymentLink } from "@/lib/dashboard/link-actions";
import { formatKes } from "@/lib/format";
import { EXPIRY_HOURS } from "@/lib/payment-links/input";
import { ShareButtons } from "@/components/ui/share-buttons";

type Option = { key: string; label: string; feeKes: number };
/** A product's variant ("Ankara Wrap Dress, Red / M"), or a product without options as its one variant. */
type Item = { id: string; name: string; priceKes: number; stock: number };
type Row = { variantId: string; name: string; price: string; qty: string };

const emptyRow = (): Row => ({ variantId: "", name: "", price: "", qty: "1" });

/** Rows as typed before a refusal, or one empty row. */
function startRows(state: LinkFormState): Row[] {
  const v = state?.ok === false ? state.values : undefined;
  if (!v || v.qty.length === 0) return [emptyRow()];
  return v.qty.map((qty, i) => ({
    variantId: v.variantId[i] ?? "",
    name: v.name[i] ?? "",
    price: v.price[i] ?? "",
    qty,
  }));
}

/** The seller builds an order in a chat: items (catalogue or custom), delivery, customer; then shares it. */
export function LinkForm({ items, options }: { items: Item[]; options: Option[] }) {
  const [state, action] = useActionState(makePaymentLink, null);
  return state?.ok ? (
    <LinkMade state={state} />
  ) : (
    <LinkFields
      key={JSON.stringify(state?.values ?? null)}
      state={state}
      action={action}
      items={items}
      options={options}
    />
  );
}

function LinkMade({ state }: { state: Extract<NonNullable<LinkFormState>, { ok: true }> }) {
  return (
    <section className="space-y-3 rounded-xl border border-brand-500 bg-white p-4" data-testid="link-made">
      <h2 className="font-semibold text-brand-700">Link ready: {formatKes(state.link.totalKes)}</h2>
      <label htmlFor="link-url" className="block text-sm font-medium">
        Payment link
      </label>
      <input
        id="link-url"
        readOnly
        value={state.link.url}
        className={`${inputClass} font-mono`}
        data-testid="link-url"
      />
      <ShareButtons whatsappUrl={state.link.whatsappUrl} copyText={state.link.url} />
      {state.smsQueued && (
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

type FieldsProps = {
  state: LinkFormState;
  action: (formData: FormData) => void;
  items: Item[];
  options: Option[];
};

function LinkFields({ state, action, items, options }: FieldsProps) {
  const [rows, setRows] = useState<Row[]>(() => startRows(state));
  const errors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  const v = state?.ok === false ? state.values : undefined;
  const update = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form action={action} className="space-y-4" noValidate aria-describedby="link-msg">
      <fieldset className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
        <legend className="px-1 font-semibold">Items</legend>
        {rows.map((row, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-stone-200 p-3" data-testid="link-line">
            <Field id={`product-${i}`} label={`Item ${i + 1}`}>
              <select
                id={`product-${i}`}
                name="variantId"
                value={row.variantId}
                onChange={(e) => update(i, { variantId: e.target.value })}
                className={inputClass}
              >
                <option value="">Custom item (type name and price)</option>
                {items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {formatKes(p.priceKes)}
                    {p.stock <= 0 ? " · sold out" : ""}
                  </option>
                ))}
              </select>
            </Field>
            <div className={row.variantId ? "hidden" : "grid grid-cols-2 gap-2"}>
              <Field id={`name-${i}`} label="Name">
                <input
                  id={`name-${i}`}
                  name="name"
                  value={row.variantId ? "" : row.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                  className={inputClass}
                />
              </Field>
              <Field id={`price-${i}`} label="Price (KES)">
                <input
                  id={`price-${i}`}
                  name="price"
                  inputMode="numeric"
                  value={row.variantId ? "" : row.price}
                  onChange={(e) => update(i, { price: e.target.value })}
                  className={inputClass}
                />
              </Field>
            </div>
            <Field id={`qty-${i}`} label="Quantity">
              <input
                id={`qty-${i}`}
                name="qty"
                inputMode="numeric"
                value={row.qty}
                onChange={(e) => update(i, { qty: e.target.value })}
                className={inputClass}
              />
            </Field>
          </div>
        ))}
        {errors.lines && (
          <p className="text-sm text-red-700" id="lines-error">
            {errors.lines[0]}
          </p>
        )}
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
        <Field id="customerName" label="Customer's name" errors={errors.customerName}>
          <input
            id="customerName"
            name="customerName"
            defaultValue={v?.customerName}
            aria-describedby="customerName-error"
            aria-invalid={errors.customerName ? true : undefined}
            className={inputClass}
          />
        </Field>
        <Field
          id="phone"
          label="Customer's phone"
          hint="The SMS and the WhatsApp message go to this number."
          errors={errors.phone}
        >
          <input
            id="phone"
            name="phone"
            type="tel"
            inputMode="tel"
            placeholder="0712 345 678"
            defaultValue={v?.phone}
            aria-describedby="phone-error"
            aria-invalid={errors.phone ? true : undefined}
            className={inputClass}
          />
        </Field>
        <Field id="delivery" label="Delivery" errors={errors.delivery}>
          <select
            id="delivery"
            name="delivery"
            defaultValue={v?.delivery ?? options[0]?.key}
            className={inputClass}
          >
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label} · {o.feeKes === 0 ? "free" : formatKes(o.feeKes)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="feeKes"
          label="Delivery fee (KES, optional)"
          hint="Leave empty for the option's usual fee."
          errors={errors.feeKes}
        >
          <input
            id="feeKes"
            name="feeKes"
            inputMode="numeric"
            defaultValue={v?.feeKes}
            aria-describedby="feeKes-error"
            aria-invalid={errors.feeKes ? true : undefined}
            className={inputClass}
          />
        </Field>
        <Field id="expiresInHours" label="Link works for" errors={errors.expiresInHours}>
          <select
            id="expiresInHours"
            name="expiresInHours"
            defaultValue={v?.expiresInHours ?? "48"}
            className={inputClass}
          >
            {EXPIRY_HOURS.map((h) => (
              <option key={h} value={h}>
                {h < 48 ? `${h} hours` : `${h / 24} days`}
              </option>
            ))}
          </select>
        </Field>
        <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
          <input
            type="checkbox"
            name="sendSms"
            defaultChecked={v ? v.sendSms : true}
            className="h-5 w-5 accent-brand-600"
          />
          Also send the link by SMS
        </label>
      </fieldset>
      <SubmitButton className="w-full py-3 text-lg">Make payment link</SubmitButton>
      <ActionMessage id="link-msg" result={state} />
    </form>
  );
}
