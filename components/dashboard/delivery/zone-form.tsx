"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { COUNTIES_A_TO_Z } from "@/lib/delivery/counties";
import { saveZone } from "@/lib/delivery/settings-actions";

type Zone = {
  id: string;
  name: string;
  feeKes: number;
  etaText: string;
  counties: string[];
  active: boolean;
  sortOrder: number;
  payOnDelivery: boolean;
  payOnDeliveryMaxKes: number | null;
};

/** One delivery zone (or a new one when `zone` is absent): name, fee, time, counties covered, active. */
export function ZoneForm({ zone }: { zone?: Zone }) {
  const form = useActionForm(saveZone, null);
  const { state: result, errors } = form;
  const typed = result && !result.ok ? result.values : undefined;
  const shown = {
    name: typed ? String(typed.name) : zone?.name,
    feeKes: typed ? String(typed.feeKes) : zone?.feeKes,
    etaText: typed ? String(typed.etaText) : zone?.etaText,
    counties: typed ? [typed.counties].flat() : (zone?.counties ?? []),
    active: typed ? typed.active === true : (zone?.active ?? true),
    payOnDelivery: typed ? typed.payOnDelivery === true : (zone?.payOnDelivery ?? false),
    podMax: typed ? String(typed.payOnDeliveryMaxKes) : (zone?.payOnDeliveryMaxKes ?? ""),
  };
  const p = zone?.id ?? "new";
  const title = zone ? zone.name : "Add a zone";
  return (
    <ActionForm
      form={form}
      resetOnSuccess={!zone}
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
      aria-label={title}
      data-testid="zone-form"
    >
      <h3 className="font-semibold">{title}</h3>
      {zone && <input type="hidden" name="id" value={zone.id} />}
      <input type="hidden" name="sortOrder" value={zone?.sortOrder ?? 0} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          id={`${p}-name`}
          label="Zone name"
          name="name"
          maxLength={60}
          defaultValue={shown.name}
          placeholder="e.g. Nairobi CBD"
          errors={errors.name}
        />
        <TextField
          id={`${p}-fee`}
          label="Fee (KES)"
          name="feeKes"
          inputMode="numeric"
          maxLength={6}
          defaultValue={shown.feeKes}
          errors={errors.feeKes}
        />
        <TextField
          id={`${p}-eta`}
          label="Estimated time"
          name="etaText"
          maxLength={60}
          defaultValue={shown.etaText}
          placeholder="e.g. Same day"
          errors={errors.etaText}
        />
      </div>
      <details className="rounded-lg border border-stone-200 p-2">
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium">
          Counties covered: {zone?.counties.length ? zone.counties.join(", ") : "all of Kenya (none ticked)"}
        </summary>
        <div className="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-4">
          {COUNTIES_A_TO_Z.map((c) => (
            <label key={c} className="flex min-h-9 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="counties"
                value={c}
                defaultChecked={shown.counties.includes(c)}
                className="h-4 w-4 accent-brand-600"
              />
              {c}
            </label>
          ))}
        </div>
        {errors.counties && <p className="mt-1 text-sm text-red-700">{errors.counties.join(" ")}</p>}
      </details>
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          name="active"
          defaultChecked={shown.active}
          className="h-5 w-5 accent-brand-600"
        />
        Offered at checkout
      </label>
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          name="payOnDelivery"
          defaultChecked={shown.payOnDelivery}
          className="h-5 w-5 accent-brand-600"
        />
        Pay on delivery (M-Pesa prompt or cash at the door)
      </label>
      <TextField
        id={`${p}-podmax`}
        name="payOnDeliveryMaxKes"
        label="Pay on delivery up to (KES)"
        hint="Larger orders pay at checkout. Leave empty for no limit."
        inputMode="numeric"
        defaultValue={shown.podMax}
        errors={errors.payOnDeliveryMaxKes}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="min-h-11">{zone ? "Save zone" : "Add zone"}</SubmitButton>
        <ActionMessage id={`${p}-msg`} result={form.success} />
      </div>
    </ActionForm>
  );
}
