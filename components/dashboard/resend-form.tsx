"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { resendMessage } from "@/lib/notifications/settings-actions";

export function ResendForm({ id }: { id: string }) {
  const [state, action] = useActionState(resendMessage, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" className="min-h-11 text-sm">
        Resend
      </SubmitButton>
      <ActionMessage id={`resend-${id}-msg`} result={state} />
    </form>
  );
}
