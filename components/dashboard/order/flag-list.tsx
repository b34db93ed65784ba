"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { resolveOrderFlag } from "@/lib/dashboard/order-actions";
import { resolveFlagInput } from "@/lib/dashboard/order-note-input";

const rules = inputRules(resolveFlagInput);

export type OpenFlag = { id: string; note: string; when: string };

/** One open flag: what happened, when, and "Mark resolved" with an optional note. */
function FlagItem({ reference, flag }: { reference: string; flag: OpenFlag }) {
  const form = useActionForm(resolveOrderFlag, null);
  return (
    <li className="space-y-2 rounded-lg border border-amber-200 bg-white p-3">
      <p className="break-words">{flag.note}</p>
      <p className="text-xs text-amber-800">Raised {flag.when}</p>
      {!form.success && (
        <ActionForm form={form} className="space-y-2">
          <input type="hidden" name="reference" value={reference} />
          <input type="hidden" name="flagId" value={flag.id} />
          <TextField
            id={`resolve-note-${flag.id}`}
            name="note"
            label="What you did (optional)"
            {...rules.note}
            defaultValue={form.values.note}
            errors={form.errors.note}
            autoComplete="off"
          />
          <SubmitButton variant="secondary" className="min-h-11 w-full sm:w-auto">
            Mark resolved
          </SubmitButton>
        </ActionForm>
      )}
      <ActionMessage id={`resolve-msg-${flag.id}`} result={form.success} />
    </li>
  );
}

/** The order's open flags, each resolvable by the seller. */
export function FlagList({ reference, flags }: { reference: string; flags: OpenFlag[] }) {
  return (
    <ul className="mt-2 space-y-2" aria-label="Open flags">
      {flags.map((flag) => (
        <FlagItem key={flag.id} reference={reference} flag={flag} />
      ))}
    </ul>
  );
}
