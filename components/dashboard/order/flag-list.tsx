"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/field";
import { resolveOrderFlag } from "@/lib/dashboard/order-actions";

export type OpenFlag = { id: string; note: string; when: string };

/** One open flag: what happened, when, and "Mark resolved" with an optional note. */
function FlagItem({ reference, flag }: { reference: string; flag: OpenFlag }) {
  const [result, action] = useActionState(resolveOrderFlag, null);
  // Kept across a refused submit (a form action resets uncontrolled fields).
  const [note, setNote] = useState("");
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <li className="space-y-2 rounded-lg border border-amber-200 bg-white p-3">
      <p className="break-words">{flag.note}</p>
      <p className="text-xs text-amber-800">Raised {flag.when}</p>
      {!result?.ok && (
        <form action={action} className="space-y-2" noValidate>
          <input type="hidden" name="reference" value={reference} />
          <input type="hidden" name="flagId" value={flag.id} />
          <TextField
            id={`resolve-note-${flag.id}`}
            name="note"
            label="What you did (optional)"
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            errors={fieldErrors?.note}
            autoComplete="off"
          />
          <SubmitButton variant="secondary" className="min-h-11 w-full sm:w-auto">
            Mark resolved
          </SubmitButton>
        </form>
      )}
      <ActionMessage id={`resolve-msg-${flag.id}`} result={result} />
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
