"use client";

import { useState } from "react";
import { COUNTIES_A_TO_Z } from "@/lib/delivery/counties";
import { townsOf } from "@/lib/delivery/towns";
import { SelectField, TextField } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { deliveryForm } from "@/lib/delivery/checkout-form";
import { countyCoverage } from "@/lib/delivery/coverage";
import type { DeliveryOffer } from "@/lib/delivery/pricing";

const rules = inputRules(deliveryForm.in);

type Props = {
  values?: { county: string; town: string; landmark: string };
  errors: Partial<Record<"county" | "town" | "landmark", string[]>>;
  /** The chosen zone's counties; empty means all 47. */
  counties: string[];
  /**
   * At checkout: every option and the one chosen. The list then has all 47 counties, and a county the chosen
   * zone does not reach says so at once, naming the zones that do or offering the shop's pickup.
   */
  coverage?: { offers: DeliveryOffer[]; chosenKey: string };
};

/**
 * Where a delivery goes: county from the list of 47 (or the zone's own), town or estate, and a landmark.
 * The town field suggests the chosen county's towns and estates (a datalist, so any other place can be typed);
 * before a county is chosen, or without client JS, it suggests the towns of every county on offer.
 */
export function AddressFields({ values, errors, counties, coverage }: Props) {
  const choices =
    counties.length > 0 && !coverage ? COUNTIES_A_TO_Z.filter((c) => counties.includes(c)) : COUNTIES_A_TO_Z;
  const initialCounty = values?.county && choices.some((c) => c === values.county) ? values.county : "";
  const [picked, setPicked] = useState<string | null>(null);
  const county = picked ?? initialCounty;
  const suggested = choices.some((c) => c === county) ? [county] : choices;
  const reach = coverage && countyCoverage(coverage.offers, coverage.chosenKey, county);
  // The server says the same after a submit (without JavaScript): shown once, as the field's error then.
  const unserved = reach && !reach.served && !errors.county?.length ? reach : null;
  return (
    <fieldset className="space-y-4 rounded-xl border border-stone-200 bg-white p-4">
      <legend className="px-1 font-semibold">Deliver to</legend>
      <SelectField
        label="County"
        name="county"
        defaultValue={initialCounty}
        onChange={(e) => setPicked(e.target.value)}
        errors={errors.county}
        hint={
          unserved && (
            <span
              role="status"
              className="block text-sm font-medium text-amber-900"
              data-testid="county-coverage"
            >
              {unserved.message}
              {unserved.others.length === 0 && unserved.pickup && (
                <button
                  type="button"
                  onClick={(e) => choosePickup(e.currentTarget.form)}
                  className="mt-2 block min-h-11 w-full rounded-lg border border-brand-600 bg-white px-3 py-2 font-medium text-brand-700"
                >
                  Pick up at the shop instead
                </button>
              )}
            </span>
          )
        }
      >
        <option value="">Choose a county</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Town or estate"
        name="town"
        {...rules.town}
        autoComplete="address-level2"
        placeholder="e.g. Westlands"
        defaultValue={values?.town}
        errors={errors.town}
        list="field-town-suggestions"
        required
      />
      <datalist id="field-town-suggestions">
        {suggested.flatMap((c) => townsOf(c).map((town) => <option key={`${c}:${town}`} value={town} />))}
      </datalist>
      <TextField
        label="Landmark or directions"
        name="landmark"
        {...rules.landmark}
        placeholder="e.g. Sarit Centre, gate B, 3rd floor"
        hint="What the rider looks for: building, road, gate, floor."
        defaultValue={values?.landmark}
        errors={errors.landmark}
        required
      />
    </fieldset>
  );
}

/** Chooses the pickup option of the form's delivery radios, as a tap on it would. */
function choosePickup(form: HTMLFormElement | null) {
  const radio = form?.querySelector<HTMLInputElement>('input[name="delivery"][value^="pickup@"]');
  radio?.click();
  radio?.focus();
}
