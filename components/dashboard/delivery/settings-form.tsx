"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { CheckboxField, TextField } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveDeliverySettings } from "@/lib/delivery/settings-actions";
import { inputRules } from "@/lib/action-result";
import { deliverySettingsInput } from "@/lib/delivery/settings-input";

type Settings = {
  pickupEnabled: boolean;
  pickupAddress: string;
  pickupHours: string;
  freeDeliveryThresholdKes: number | null;
  payOnPickup: boolean;
  payOnDeliveryNote: string;
};

const rules = inputRules(deliverySettingsInput);

/** The shop's pickup point and the free-delivery threshold. */
export function DeliverySettingsForm({ settings }: { settings: Settings | null }) {
  const form = useActionForm(saveDeliverySettings, null, rules);
  return (
    <ActionForm
      form={form}
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
      aria-labelledby="pickup-h"
    >
      <h2 id="pickup-h" className="font-semibold">
        Pickup and free delivery
      </h2>
      <CheckboxField
        label="Shoppers can pick up orders at the shop (free)"
        {...form.checkbox("pickupEnabled", settings?.pickupEnabled ?? true)}
      />
      <TextField label="Pickup address" {...form.field("pickupAddress", settings?.pickupAddress)} />
      <TextField
        label="Opening hours"
        hint="e.g. Mon-Sat 8:00-18:00"
        {...form.field("pickupHours", settings?.pickupHours)}
      />
      <TextField
        label="Free delivery on orders from (KES)"
        hint="Goods total that makes every zone free. Leave empty for no free delivery."
        inputMode="numeric"
        {...form.field("freeDeliveryThresholdKes", String(settings?.freeDeliveryThresholdKes ?? ""))}
      />
      <CheckboxField
        label="Shoppers who pick up may pay when they collect"
        {...form.checkbox("payOnPickup", settings?.payOnPickup ?? false)}
      />
      <TextField
        label="Pay-on-delivery note at checkout"
        hint="e.g. Have M-Pesa ready when the rider arrives. Turn pay on delivery on per zone below."
        {...form.field("payOnDeliveryNote", settings?.payOnDeliveryNote)}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="min-h-11">Save pickup and payment settings</SubmitButton>
        <ActionMessage id="settings-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}
