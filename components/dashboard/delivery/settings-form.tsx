"use client";

import { useActionState } from "react";
import { Field, inputClass } from "@/components/dashboard/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveDeliverySettings } from "@/lib/delivery/settings-actions";

type Settings = {
  pickupEnabled: boolean;
  pickupAddress: string;
  pickupHours: string;
  freeDeliveryThresholdKes: number | null;
};

const invalid = (errors?: string[]) => (errors?.length ? true : undefined);

/** The shop's pickup point and the free-delivery threshold. */
export function DeliverySettingsForm({ settings }: { settings: Settings | null }) {
  const [result, action] = useActionState(saveDeliverySettings, null);
  const errors = (result && !result.ok && result.fieldErrors) || {};
  const typed = result && !result.ok ? result.values : undefined;
  const shown = {
    pickupEnabled: typed ? typed.pickupEnabled === true : (settings?.pickupEnabled ?? true),
    pickupAddress: typed ? String(typed.pickupAddress) : settings?.pickupAddress,
    pickupHours: typed ? String(typed.pickupHours) : settings?.pickupHours,
    threshold: typed ? String(typed.freeDeliveryThresholdKes) : (settings?.freeDeliveryThresholdKes ?? ""),
  };
  return (
    <form
      action={action}
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
      aria-labelledby="pickup-h"
      noValidate
    >
      <h2 id="pickup-h" className="font-semibold">
        Pickup and free delivery
      </h2>
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          name="pickupEnabled"
          defaultChecked={shown.pickupEnabled}
          className="h-5 w-5 accent-brand-600"
        />
        Shoppers can pick up orders at the shop (free)
      </label>
      <Field id="pickupAddress" label="Pickup address" errors={errors.pickupAddress}>
        <input
          id="pickupAddress"
          name="pickupAddress"
          defaultValue={shown.pickupAddress}
          aria-invalid={invalid(errors.pickupAddress)}
          aria-describedby="pickupAddress-error"
          className={inputClass}
        />
      </Field>
      <Field
        id="pickupHours"
        label="Opening hours"
        hint="e.g. Mon-Sat 8:00-18:00"
        errors={errors.pickupHours}
      >
        <input
          id="pickupHours"
          name="pickupHours"
          defaultValue={shown.pickupHours}
          aria-invalid={invalid(errors.pickupHours)}
          aria-describedby="pickupHours-error"
          className={inputClass}
        />
      </Field>
      <Field
        id="freeDeliveryThresholdKes"
        label="Free delivery on orders from (KES)"
        hint="Goods total that makes every zone free. Leave empty for no free delivery."
        errors={errors.freeDeliveryThresholdKes}
      >
        <input
          id="freeDeliveryThresholdKes"
          name="freeDeliveryThresholdKes"
          inputMode="numeric"
          defaultValue={shown.threshold}
          aria-invalid={invalid(errors.freeDeliveryThresholdKes)}
          aria-describedby="freeDeliveryThresholdKes-error"
          className={inputClass}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="min-h-11">Save pickup and threshold</SubmitButton>
        <ActionMessage id="settings-msg" result={result} />
      </div>
    </form>
  );
}
