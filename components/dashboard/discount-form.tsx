"use client";

import { formatInTimeZone } from "date-fns-tz";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type CodeFormState, saveCode } from "@/lib/discounts/code-actions";
import { inputRules } from "@/lib/action-result";
import { codeInput } from "@/lib/discounts/code-input";
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

const rules = inputRules(codeInput.in);

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
  const form = useActionForm<CodeFormState>(saveCode, null, rules);
  const saved = savedValues(code);
  // Ticked as submitted (a refused or saved submit), else as saved.
  const categoryIds = form.values.categoryIds ?? saved.categoryIds;
  const id = code?.id ?? (form.success ? form.success.id : undefined);
  return (
    <ActionForm form={form} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
      {id && <input type="hidden" name="id" value={id} />}
      <TextField
        label="Code"
        {...form.field("code", saved.code)}
        // Spaces are dropped from a code, so the box allows a few more than the code's 24 characters.
        maxLength={40}
        autoCapitalize="characters"
        hint="Shoppers can type it in any case, e.g. WEEKEND10"
        className="uppercase"
      />
      <div className="grid grid-cols-2 gap-3">
        <SelectField label="Gives" {...form.field("kind", saved.kind)}>
          <option value="PERCENT">Percent off</option>
          <option value="FIXED">KES off</option>
          <option value="FREE_DELIVERY">Free delivery</option>
        </SelectField>
        <TextField label="Percent or KES" {...form.field("value", saved.value)} />
        <TextField label="Minimum order (KES)" {...form.field("minOrderKes", saved.minOrderKes)} />
        <TextField label="Total uses" {...form.field("maxUses", saved.maxUses)} />
        <TextField label="Uses per phone" {...form.field("maxUsesPerPhone", saved.maxUsesPerPhone)} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Starts (EAT)" type="datetime-local" {...form.field("startsAt", saved.startsAt)} />
        <TextField label="Ends (EAT)" type="datetime-local" {...form.field("endsAt", saved.endsAt)} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Only for these categories (none: everything)</legend>
        <div className="mt-1 flex flex-wrap gap-x-4">
          {categories.map((c) => (
            <CheckboxField
              key={c.id}
              name="categoryIds"
              value={c.id}
              label={c.name}
              defaultChecked={categoryIds.includes(c.id)}
            />
          ))}
        </div>
      </fieldset>
      <SelectField
        label="Or only for these products"
        multiple
        size={4}
        {...form.field("productIds", saved.productIds)}
      >
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <CheckboxField label="Active (untick to pause)" {...form.checkbox("active", saved.active)} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{code ? "Save code" : "Create code"}</SubmitButton>
        <ActionMessage id="code-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}
