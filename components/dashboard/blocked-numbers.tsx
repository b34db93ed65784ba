"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/action-result";
import { blockTypedNumber, unblockNumber } from "@/lib/dashboard/blocked-actions";
import { blockNumberInput } from "@/lib/dashboard/blocked-input";

const rules = inputRules(blockNumberInput);

/** Block a number by hand: one that ordered to pay on delivery and never paid. */
export function BlockNumberForm() {
  const form = useActionForm(blockTypedNumber, null);
  return (
    <ActionForm form={form} resetOnSuccess className="space-y-3">
      <TextField
        id="block-phone"
        label="Phone number"
        name="phone"
        type="tel"
        inputMode="tel"
        {...rules.phone}
        autoComplete="off"
        placeholder="0712 345 678"
        defaultValue={form.values.phone}
        errors={form.errors.phone}
      />
      <TextField
        id="block-reason"
        label="Reason (optional)"
        name="reason"
        {...rules.reason}
        autoComplete="off"
        placeholder="e.g. refused the order at the door twice"
        defaultValue={form.values.reason}
        errors={form.errors.reason}
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
