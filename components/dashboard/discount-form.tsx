"use client";

import { formatInTimeZone } from "date-fns-tz";
import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type CodeFormState, saveCode } from "@/lib/discounts/code-actions";
import { SHOP_TIME_ZONE } from "@/lib/format";
import { Field, inputClass } from "@/components/ui/text-field";
import { keepTyped } from "./keep-typed";

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

export function DiscountForm({
  code,
  products,
  categories,
}: {
  code?: Code;
  products: Target[];
  categories: Target[];
}) {
  const [state, action, pending] = useActionState<CodeFormState, FormData>(saveCode, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const props = (name: string) => ({
    id: name,
    name,
    className: inputClass,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `${name}-error`,
  });
  return (
    <form
      action={action}
      onSubmit={keepTyped(action)}
      noValidate
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
    >
      {(code?.id ?? (state?.ok ? state.id : undefined)) && (
        <input type="hidden" name="id" value={code?.id ?? (state?.ok ? state.id : "")} />
      )}
      <Field
        id="code"
        label="Code"
        errors={errors.code}
        hint="Shoppers can type it in any case, e.g. WEEKEND10"
      >
        <input
          {...props("code")}
          defaultValue={code?.code}
          autoCapitalize="characters"
          className={`${inputClass} uppercase`}
        />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="kind" label="Gives" errors={errors.kind}>
          <select {...props("kind")} defaultValue={code?.kind ?? "PERCENT"}>
            <option value="PERCENT">Percent off</option>
            <option value="FIXED">KES off</option>
            <option value="FREE_DELIVERY">Free delivery</option>
          </select>
        </Field>
        <Field id="value" label="Percent or KES" errors={errors.value}>
          <input
            {...props("value")}
            inputMode="numeric"
            defaultValue={code?.kind === "FREE_DELIVERY" ? "" : text(code?.value)}
          />
        </Field>
        <Field id="minOrderKes" label="Minimum order (KES)" errors={errors.minOrderKes}>
          <input {...props("minOrderKes")} inputMode="numeric" defaultValue={text(code?.minOrderKes)} />
        </Field>
        <Field id="maxUses" label="Total uses" errors={errors.maxUses}>
          <input {...props("maxUses")} inputMode="numeric" defaultValue={text(code?.maxUses)} />
        </Field>
        <Field id="maxUsesPerPhone" label="Uses per phone" errors={errors.maxUsesPerPhone}>
          <input
            {...props("maxUsesPerPhone")}
            inputMode="numeric"
            defaultValue={text(code?.maxUsesPerPhone)}
          />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="startsAt" label="Starts (EAT)" errors={errors.startsAt}>
          <input
            {...props("startsAt")}
            type="datetime-local"
            defaultValue={eatInput(code?.startsAt ?? null)}
          />
        </Field>
        <Field id="endsAt" label="Ends (EAT)" errors={errors.endsAt}>
          <input {...props("endsAt")} type="datetime-local" defaultValue={eatInput(code?.endsAt ?? null)} />
        </Field>
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
                defaultChecked={code?.categoryIds.includes(c.id)}
                className="size-5"
              />
              {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="productIds" label="Or only for these products" errors={errors.productIds}>
        <select {...props("productIds")} multiple size={4} defaultValue={code?.productIds ?? []}>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input type="checkbox" name="active" defaultChecked={code?.active ?? true} className="size-5" />
        Active (untick to pause)
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={pending}>{code ? "Save code" : "Create code"}</SubmitButton>
        <ActionMessage id="code-msg" result={state} />
      </div>
    </form>
  );
}
