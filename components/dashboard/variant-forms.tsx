"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { CheckboxField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { MAX_OPTIONS } from "@/lib/dashboard/variant-input";
import { saveOptions, saveVariants, type VariantFormState } from "@/lib/dashboard/variant-actions";
import { formatKes } from "@/lib/format";

const PLACEHOLDERS = [
  { name: "Size", values: "S, M, L" },
  { name: "Colour", values: "Red, Blue" },
];

export function OptionsForm({
  productId,
  options,
}: {
  productId: string;
  options: { name: string; values: string[] }[];
}) {
  const form = useActionForm<VariantFormState>(saveOptions, null);
  const { errors, values } = form;
  return (
    <ActionForm form={form} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
      <h2 className="font-semibold">Options</h2>
      <p className="text-sm text-stone-600">
        Up to {MAX_OPTIONS} options, e.g. Size with values S, M, L. Saving makes a variant for every
        combination.
      </p>
      <input type="hidden" name="productId" value={productId} />
      {Array.from({ length: MAX_OPTIONS }, (_, i) => (
        <div key={i} className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <TextField
            label={`Option ${i + 1} name`}
            name={`option${i}Name`}
            maxLength={30}
            defaultValue={values[`option${i}Name`] ?? options[i]?.name ?? ""}
            placeholder={PLACEHOLDERS[i]?.name}
            errors={errors[`option${i}Name`]}
          />
          <TextField
            label="Values, separated by commas"
            name={`option${i}Values`}
            defaultValue={values[`option${i}Values`] ?? options[i]?.values.join(", ") ?? ""}
            placeholder={PLACEHOLDERS[i]?.values}
            errors={errors[`option${i}Values`]}
          />
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>Save options</SubmitButton>
        <ActionMessage id="options-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}

/** Every card has the same boxes: their names say which variant, so the error summary's links do too. */
function VariantLabel({ text, variant }: { text: string; variant: string }) {
  return (
    <>
      {text}
      <span className="sr-only"> of {variant}</span>
    </>
  );
}

const variantName = (v: { title: string }) => v.title || "Default";

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
  const form = useActionForm<VariantFormState>(saveVariants, null);
  const { errors, values } = form;
  // Without JavaScript a refused form comes back from `values`; a checkbox left unticked sends nothing.
  const refilled = Object.keys(values).length > 0;
  const typed = (v: Variant, field: string, saved: string) => values[`${v.id}.${field}`] ?? saved;
  return (
    <ActionForm form={form} className="space-y-3">
      <h2 className="font-semibold">Variants</h2>
      <input type="hidden" name="productId" value={productId} />
      <ul className="grid gap-3 sm:grid-cols-2">
        {variants.map((v) => (
          <li
            key={v.id}
            data-testid="variant-card"
            className="space-y-2 rounded-xl border border-stone-200 bg-white p-3"
          >
            <h3 className="font-medium">{variantName(v)}</h3>
            <input type="hidden" name={`${v.id}.stockSeen`} value={v.stock} />
            <div className="grid grid-cols-2 gap-2">
              <TextField
                label={<VariantLabel text="Price (KES)" variant={variantName(v)} />}
                name={`${v.id}.priceKes`}
                inputMode="numeric"
                defaultValue={typed(v, "priceKes", v.priceKes?.toString() ?? "")}
                placeholder={formatKes(basePriceKes)}
                errors={errors[`${v.id}.priceKes`]}
              />
              <TextField
                label={<VariantLabel text="Was (KES)" variant={variantName(v)} />}
                name={`${v.id}.compareAtKes`}
                inputMode="numeric"
                defaultValue={typed(v, "compareAtKes", v.compareAtKes?.toString() ?? "")}
                errors={errors[`${v.id}.compareAtKes`]}
              />
              <TextField
                label={<VariantLabel text="Stock" variant={variantName(v)} />}
                name={`${v.id}.stock`}
                inputMode="numeric"
                defaultValue={typed(v, "stock", String(v.stock))}
                errors={errors[`${v.id}.stock`]}
              />
              <TextField
                label={<VariantLabel text="SKU" variant={variantName(v)} />}
                name={`${v.id}.sku`}
                maxLength={40}
                defaultValue={typed(v, "sku", v.sku ?? "")}
                errors={errors[`${v.id}.sku`]}
              />
            </div>
            <CheckboxField
              label={
                <>
                  On sale{" "}
                  {v.archived && <span className="text-stone-500">(archived: old orders keep it)</span>}
                </>
              }
              name={`${v.id}.onSale`}
              defaultChecked={refilled ? values[`${v.id}.onSale`] === "on" : !v.archived}
            />
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>Save variants</SubmitButton>
        <ActionMessage id="variants-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}
