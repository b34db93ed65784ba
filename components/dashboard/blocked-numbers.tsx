"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { PhoneField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/action-result";
import { blockTypedNumber, unblockNumber } from "@/lib/dashboard/blocked-actions";
import { blockNumberInput } from "@/lib/dashboard/blocked-input";

const rules = inputRules(blockNumberInput);

/** Block a number by hand: one that ordered to pay on delivery and never paid. */
export function BlockNumberForm() {
  const form = useActionForm(blockTypedNumber, null, rules);
  return (
    <ActionForm form={form} resetOnSuccess className="space-y-3">
      <PhoneField id="block-phone" label="Phone number" autoComplete="off" {...form.field("phone")} />
      <TextField
        id="block-reason"
        label="Reason (optional)"
        autoComplete="off"
        placeholder="e.g. refused the order at the door twice"
        {...form.field("reason")}
      />
      <SubmitButton className="w-full sm:w-auto">Block number</SubmitButton>
      <ActionMessage id="block-msg" result={form.success} />
    </ActionForm>
  );
}

/** "Unblock": the number may choose pay on delivery again. */
export function UnblockForm({ phone, shown }: { phone: string; shown: string }) {
  const form = useActionForm(unblockNumber, null);
  return (
    <ActionForm form={form}>
      <input type="hidden" name="phone" value={phone} />
      <SubmitButton variant="secondary" className="text-sm" aria-label={`Unblock ${shown}`}>
        Unblock
      </SubmitButton>
    </ActionForm>
  );
}
