"use client";

import { formatInTimeZone } from "date-fns-tz";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type CodeFormState, saveCode } from "@/lib/discounts/code-actions";
import { SHOP_TIME_ZONE } from "@/lib/format";

type Code = {
  id: string;
  code: string;
  kind: "PERCENT" | "FIXED" | "FREE_DELIVERY";
  value: number;
  minOrderKes: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  maxUses: number | null;
  maxUsesPerPhone: number | null;
  productIds: string[];
  categoryIds: string[];
  active: boolean;
};

type Target = { id: string; name: string };

const eatInput = (d: Date | null) => (d ? formatInTimeZone(d, SHOP_TIME_ZONE, "yyyy-MM-dd'T'HH:mm") : "");
const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** The saved code's fields as the form shows them. */
function savedValues(code: Code | undefined) {
  return {
    code: code?.code ?? "",
    kind: code?.kind ?? "PERCENT",
    value: code?.kind === "FREE_DELIVERY" ? "" : text(code?.value),
    minOrderKes: text(code?.minOrderKes),
    startsAt: eatInput(code?.startsAt ?? null),
    endsAt: eatInput(code?.endsAt ?? null),
    maxUses: text(code?.maxUses),
    maxUsesPerPhone: text(code?.maxUsesPerPhone),
    productIds: code?.productIds ?? [],
    categoryIds: code?.categoryIds ?? [],
    active: code?.active ?? true,
  };
}

export function DiscountForm({
  code,
  products,
  categories,
}: {
  code?: Code;
  products: Target[];
  categories: Target[];
}) {
  const form = useActionForm<CodeFormState>(saveCode, null);
  const { state, errors } = form;
  // What was typed (a refused or saved submit), else the code as saved.
  const v = { ...savedValues(code), ...form.values };
  const id = code?.id ?? (state?.ok ? state.id : undefined);
  return (
    <ActionForm form={form} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
      {id && <input type="hidden" name="id" value={id} />}
      <TextField
        label="Code"
        name="code"
        maxLength={40}
        autoCapitalize="characters"
        hint="Shoppers can type it in any case, e.g. WEEKEND10"
        defaultValue={v.code}
        errors={errors.code}
        className="uppercase"
      />
      <div className="grid grid-cols-2 gap-3">
        <SelectField label="Gives" name="kind" defaultValue={v.kind} errors={errors.kind}>
          <option value="PERCENT">Percent off</option>
          <option value="FIXED">KES off</option>
          <option value="FREE_DELIVERY">Free delivery</option>
        </SelectField>
        <TextField
          label="Percent or KES"
          name="value"
          inputMode="numeric"
          maxLength={7}
          defaultValue={v.value}
          errors={errors.value}
        />
        <TextField
          label="Minimum order (KES)"
          name="minOrderKes"
          inputMode="numeric"
          maxLength={7}
          defaultValue={v.minOrderKes}
          errors={errors.minOrderKes}
        />
        <TextField
          label="Total uses"
          name="maxUses"
          inputMode="numeric"
          maxLength={7}
          defaultValue={v.maxUses}
          errors={errors.maxUses}
        />
        <TextField
          label="Uses per phone"
          name="maxUsesPerPhone"
          inputMode="numeric"
          maxLength={4}
          defaultValue={v.maxUsesPerPhone}
          errors={errors.maxUsesPerPhone}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Starts (EAT)"
          name="startsAt"
          type="datetime-local"
          defaultValue={v.startsAt}
          errors={errors.startsAt}
        />
        <TextField
          label="Ends (EAT)"
          name="endsAt"
          type="datetime-local"
          defaultValue={v.endsAt}
          errors={errors.endsAt}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Only for these categories (none: everything)</legend>
        <div className="mt-1 flex flex-wrap gap-x-4">
          {categories.map((c) => (
            <label key={c.id} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="categoryIds"
                value={c.id}
                defaultChecked={v.categoryIds.includes(c.id)}
                className="size-5"
              />
              {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField
        label="Or only for these products"
        name="productIds"
        multiple
        size={4}
        defaultValue={v.productIds}
        errors={errors.productIds}
      >
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input type="checkbox" name="active" defaultChecked={v.active} className="size-5" />
        Active (untick to pause)
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{code ? "Save code" : "Create code"}</SubmitButton>
        <ActionMessage id="code-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}
