import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import type { FormFields } from "@/components/ui/action-form";
import { REFUND_REASONS } from "@/lib/dashboard/refund-reasons";

type Props = {
  /** Prefix of the fields' ids, unique on the page ("refund", "cancel-paid"). */
  idPrefix: string;
  /** The form's `field` and `checked` (components/ui/action-form.tsx). */
  form: FormFields;
  /** Whether "Put the items back in stock" starts ticked. */
  restock: boolean;
};

/** Why money goes back to the shopper (a reason from the list and a note) and whether the items are restocked. */
export function RefundReasonFields({ idPrefix, form, restock }: Props) {
  return (
    <>
      <SelectField label="Reason" id={`${idPrefix}-reason`} {...form.field("reason", REFUND_REASONS[0])}>
        {REFUND_REASONS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Note (optional)"
        id={`${idPrefix}-note`}
        maxLength={200}
        autoComplete="off"
        {...form.field("note")}
      />
      <CheckboxField label="Put the items back in stock" {...form.checkbox("restock", restock)} />
    </>
  );
}
