import type { AppliedCode } from "@/lib/orders/checkout-action";

/**
 * The discount code, inside the checkout form: "Apply" posts the form with intent=apply-code (so it works
 * without JavaScript) and the summary shows the discount before paying. A refusal sits under the field.
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
  const errorId = "field-discountCode-error";
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4">
      <label htmlFor="field-discountCode" className="block text-sm font-medium">
        Discount code
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="field-discountCode"
          name="discountCode"
          autoCapitalize="characters"
          autoComplete="off"
          maxLength={40}
          defaultValue={typed ?? ""}
          key={typed}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? errorId : undefined}
          className="min-h-11 w-full min-w-0 rounded-lg border border-stone-300 px-3 py-2 uppercase aria-invalid:border-red-600"
        />
        <button
          type="submit"
          name="intent"
          value="apply-code"
          formNoValidate
          className="min-h-11 shrink-0 rounded-lg border border-stone-300 bg-white px-4 font-medium hover:bg-stone-100"
        >
          Apply
        </button>
      </div>
      {applied && <input type="hidden" name="discountSeen" value={applied.version} />}
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-sm text-red-700" role="alert">
          {errors[0]}
        </p>
      ) : applied ? (
        <p className="mt-1 text-sm text-brand-700">Code {applied.rule.code} applied.</p>
      ) : null}
    </div>
  );
}
