"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { CheckboxField, TextField } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { COUNTIES_A_TO_Z } from "@/lib/delivery/counties";
import { inputRules } from "@/lib/action-result";
import { saveZone } from "@/lib/delivery/settings-actions";
import { zoneInput } from "@/lib/delivery/settings-input";

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

const rules = inputRules(zoneInput);

/** One delivery zone (or a new one when `zone` is absent): name, fee, time, counties covered, active. */
export function ZoneForm({ zone }: { zone?: Zone }) {
  const form = useActionForm(saveZone, null, rules);
  const typed = form.state && !form.state.ok ? form.state.values : undefined;
  const counties = typed ? [typed.counties ?? []].flat() : (zone?.counties ?? []);
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
          placeholder="e.g. Nairobi CBD"
          {...form.field("name", zone?.name)}
        />
        <TextField
          id={`${p}-fee`}
          label="Fee (KES)"
          inputMode="numeric"
          {...form.field("feeKes", zone && String(zone.feeKes))}
        />
        <TextField
          id={`${p}-eta`}
          label="Estimated time"
          placeholder="e.g. Same day"
          {...form.field("etaText", zone?.etaText)}
        />
      </div>
      <details className="rounded-lg border border-stone-200 p-2">
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium">
          Counties covered: {zone?.counties.length ? zone.counties.join(", ") : "all of Kenya (none ticked)"}
        </summary>
        <div className="mt-2 grid grid-cols-2 gap-x-2 sm:grid-cols-4">
          {COUNTIES_A_TO_Z.map((c) => (
            <CheckboxField
              key={c}
              label={c}
              name="counties"
              value={c}
              defaultChecked={counties.includes(c)}
            />
          ))}
        </div>
        {form.errors.counties && (
          <p className="mt-1 text-sm text-red-700">{form.errors.counties.join(" ")}</p>
        )}
      </details>
      <CheckboxField label="Offered at checkout" {...form.checkbox("active", zone?.active ?? true)} />
      <CheckboxField
        label="Pay on delivery (M-Pesa prompt or cash at the door)"
        {...form.checkbox("payOnDelivery", zone?.payOnDelivery ?? false)}
      />
      <TextField
        id={`${p}-podmax`}
        label="Pay on delivery up to (KES)"
        hint="Larger orders pay at checkout. Leave empty for no limit."
        inputMode="numeric"
        {...form.field("payOnDeliveryMaxKes", String(zone?.payOnDeliveryMaxKes ?? ""))}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="min-h-11">{zone ? "Save zone" : "Add zone"}</SubmitButton>
        <ActionMessage id={`${p}-msg`} result={form.success} />
      </div>
    </ActionForm>
  );
}
