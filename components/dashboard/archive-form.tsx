"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { setProductArchived } from "@/lib/dashboard/product-actions";

export function ArchiveForm({ id, active }: { id: string; active: boolean }) {
  const [result, action] = useActionState(setProductArchived, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="archived" value={active ? "true" : "false"} />
      <SubmitButton variant="secondary">{active ? "Archive product" : "Restore to shop"}</SubmitButton>
      <ActionMessage id={`archive-${id}`} result={result} />
    </form>
  );
}
