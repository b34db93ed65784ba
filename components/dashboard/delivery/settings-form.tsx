"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveDeliverySettings } from "@/lib/delivery/settings-actions";

type Settings = {
  pickupEnabled: boolean;
  pickupAddress: string;
  pickupHours: string;
  freeDeliveryThresholdKes: number | null;
  payOnPickup: boolean;
  payOnDeliveryNote: string;
};

/** The shop's pickup point and the free-delivery threshold. */
export function DeliverySettingsForm({ settings }: { settings: Settings | null }) {
  const form = useActionForm(saveDeliverySettings, null);
  const { state: result, errors } = form;
  const typed = result && !result.ok ? result.values : undefined;
  const shown = {
    pickupEnabled: typed ? typed.pickupEnabled === true : (settings?.pickupEnabled ?? true),
    pickupAddress: typed ? String(typed.pickupAddress) : settings?.pickupAddress,
    pickupHours: typed ? String(typed.pickupHours) : settings?.pickupHours,
    threshold: typed ? String(typed.freeDeliveryThresholdKes) : (settings?.freeDeliveryThresholdKes ?? ""),
    payOnPickup: typed ? typed.payOnPickup === true : (settings?.payOnPickup ?? false),
    podNote: typed ? String(typed.payOnDeliveryNote) : settings?.payOnDeliveryNote,
  };
  return (
    <ActionForm
      form={form}
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
      aria-labelledby="pickup-h"
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
      <TextField
        id="pickupAddress"
        maxLength={200}
        name="pickupAddress"
        label="Pickup address"
        defaultValue={shown.pickupAddress}
        errors={errors.pickupAddress}
      />
      <TextField
        id="pickupHours"
        maxLength={100}
        name="pickupHours"
        label="Opening hours"
        hint="e.g. Mon-Sat 8:00-18:00"
        defaultValue={shown.pickupHours}
        errors={errors.pickupHours}
      />
      <TextField
        id="freeDeliveryThresholdKes"
        maxLength={7}
        name="freeDeliveryThresholdKes"
        label="Free delivery on orders from (KES)"
        hint="Goods total that makes every zone free. Leave empty for no free delivery."
        inputMode="numeric"
        defaultValue={shown.threshold}
        errors={errors.freeDeliveryThresholdKes}
      />
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          name="payOnPickup"
          defaultChecked={shown.payOnPickup}
          className="h-5 w-5 accent-brand-600"
        />
        Shoppers who pick up may pay when they collect
      </label>
      <TextField
        name="payOnDeliveryNote"
        label="Pay-on-delivery note at checkout"
        hint="e.g. Have M-Pesa ready when the rider arrives. Turn pay on delivery on per zone below."
        defaultValue={shown.podNote}
        errors={errors.payOnDeliveryNote}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="min-h-11">Save pickup and payment settings</SubmitButton>
        <ActionMessage id="settings-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}
