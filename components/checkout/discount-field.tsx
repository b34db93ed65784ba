import { TextField } from "@/components/ui/field";
import type { AppliedCode } from "@/lib/orders/checkout-action";

/**
 * The discount code, inside the checkout form: "Apply" posts the form with intent=apply-code (so it works
 * without JavaScript) and the summary shows the discount before paying. A refusal sits under the field, which
 * keeps what was typed.
 */
export function DiscountField({
  applied,
  typed,
  errors,
}: {
  applied: AppliedCode | null;
  typed?: string;
  errors?: string[];
}) {
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4">
      <TextField
        label="Discount code"
        name="discountCode"
        autoCapitalize="characters"
        autoComplete="off"
        maxLength={40}
        defaultValue={typed ?? ""}
        // A new answer (applied, refused, or a code that changed) shows the code as the server read it.
        key={typed}
        hint={applied && !errors?.length ? `Code ${applied.rule.code} applied.` : undefined}
        errors={errors}
        className="uppercase"
      />
      <button
        type="submit"
        name="intent"
        value="apply-code"
        formNoValidate
        className="mt-2 min-h-11 w-full rounded-lg border border-stone-300 bg-white px-4 font-medium hover:bg-stone-100"
      >
        Apply
      </button>
      {applied && <input type="hidden" name="discountSeen" value={applied.version} />}
    </div>
  );
}
