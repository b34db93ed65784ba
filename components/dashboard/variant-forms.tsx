"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { MAX_OPTIONS } from "@/lib/dashboard/variant-input";
import { saveOptions, saveVariants, type VariantFormState } from "@/lib/dashboard/variant-actions";
import { formatKes } from "@/lib/format";
import { Field, inputClass } from "@/components/ui/text-field";
import { keepTyped } from "./keep-typed";

const errorsOf = (state: VariantFormState) => (state && !state.ok ? (state.fieldErrors ?? {}) : {});

function inputProps(name: string, errors: Record<string, string[] | undefined>) {
  return {
    id: name,
    name,
    className: inputClass,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `${name}-error`,
  };
}

export function OptionsForm({
  productId,
  options,
}: {
  productId: string;
  options: { name: string; values: string[] }[];
}) {
  const [state, action, pending] = useActionState<VariantFormState, FormData>(saveOptions, null);
  const errors = errorsOf(state);
  return (
    <form
      action={action}
      onSubmit={keepTyped(action)}
      noValidate
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
    >
      <h2 className="font-semibold">Options</h2>
      <p className="text-sm text-stone-600">
        Up to {MAX_OPTIONS} options, e.g. Size with values S, M, L. Saving makes a variant for every
        combination.
      </p>
      <input type="hidden" name="productId" value={productId} />
      {Array.from({ length: MAX_OPTIONS }, (_, i) => (
        <div key={i} className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <Field id={`option${i}Name`} label={`Option ${i + 1} name`} errors={errors[`option${i}Name`]}>
            <input
              {...inputProps(`option${i}Name`, errors)}
              defaultValue={options[i]?.name ?? ""}
              placeholder={i === 0 ? "Size" : i === 1 ? "Colour" : ""}
            />
          </Field>
          <Field
            id={`option${i}Values`}
            label="Values, separated by commas"
            errors={errors[`option${i}Values`]}
          >
            <input
              {...inputProps(`option${i}Values`, errors)}
              defaultValue={options[i]?.values.join(", ") ?? ""}
              placeholder={i === 0 ? "S, M, L" : i === 1 ? "Red, Blue" : ""}
            />
          </Field>
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={pending}>Save options</SubmitButton>
        <ActionMessage id="options-msg" result={state} />
      </div>
    </form>
  );
}

type Variant = {
  id: string;
  title: string;
  priceKes: number | null;
  compareAtKes: number | null;
  stock: number;
  sku: string | null;
  archived: boolean;
};

/** Every variant as a card (a table would scroll sideways on a phone): price, old price, stock, SKU, on sale. */
export function VariantsForm({
  productId,
  basePriceKes,
  variants,
}: {
  productId: string;
  basePriceKes: number;
  variants: Variant[];
}) {
  const [state, action, pending] = useActionState<VariantFormState, FormData>(saveVariants, null);
  const errors = errorsOf(state);
  return (
    <form action={action} onSubmit={keepTyped(action)} noValidate className="space-y-3">
      <h2 className="font-semibold">Variants</h2>
      <input type="hidden" name="productId" value={productId} />
      <ul className="grid gap-3 sm:grid-cols-2">
        {variants.map((v) => (
          <li
            key={v.id}
            data-testid="variant-card"
            className="space-y-2 rounded-xl border border-stone-200 bg-white p-3"
          >
            <h3 className="font-medium">{v.title || "Default"}</h3>
            <input type="hidden" name={`${v.id}.stockSeen`} value={v.stock} />
            <div className="grid grid-cols-2 gap-2">
              <Field id={`${v.id}.priceKes`} label="Price (KES)" errors={errors[`${v.id}.priceKes`]}>
                <input
                  {...inputProps(`${v.id}.priceKes`, errors)}
                  inputMode="numeric"
                  defaultValue={v.priceKes ?? ""}
                  placeholder={formatKes(basePriceKes)}
                />
              </Field>
              <Field id={`${v.id}.compareAtKes`} label="Was (KES)" errors={errors[`${v.id}.compareAtKes`]}>
                <input
                  {...inputProps(`${v.id}.compareAtKes`, errors)}
                  inputMode="numeric"
                  defaultValue={v.compareAtKes ?? ""}
                />
              </Field>
              <Field id={`${v.id}.stock`} label="Stock" errors={errors[`${v.id}.stock`]}>
                <input {...inputProps(`${v.id}.stock`, errors)} inputMode="numeric" defaultValue={v.stock} />
              </Field>
              <Field id={`${v.id}.sku`} label="SKU" errors={errors[`${v.id}.sku`]}>
                <input {...inputProps(`${v.id}.sku`, errors)} defaultValue={v.sku ?? ""} />
              </Field>
            </div>
            <label className="flex min-h-11 items-center gap-3 text-sm">
              <input
                type="checkbox"
                name={`${v.id}.onSale`}
                defaultChecked={!v.archived}
                className="size-5"
              />
              On sale {v.archived && <span className="text-stone-500">(archived: old orders keep it)</span>}
            </label>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={pending}>Save variants</SubmitButton>
        <ActionMessage id="variants-msg" result={state} />
      </div>
    </form>
  );
}
