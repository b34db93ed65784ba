"use client";

import { useState } from "react";
import { COUNTIES_A_TO_Z } from "@/lib/delivery/counties";
import { townsOf } from "@/lib/delivery/towns";
import { SelectField, TextField } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { deliveryForm } from "@/lib/delivery/checkout-form";

const rules = inputRules(deliveryForm.in);

type Props = {
  values?: { county: string; town: string; landmark: string };
  errors: Partial<Record<"county" | "town" | "landmark", string[]>>;
  /** The chosen zone's counties; empty means all 47. */
  counties: string[];
};

/**
 * Where a delivery goes: county from the list of 47 (or the zone's own), town or estate, and a landmark.
 * The town field suggests the chosen county's towns and estates (a datalist, so any other place can be typed);
 * before a county is chosen, or without client JS, it suggests the towns of every county on offer.
 */
export function AddressFields({ values, errors, counties }: Props) {
  const choices = counties.length > 0 ? COUNTIES_A_TO_Z.filter((c) => counties.includes(c)) : COUNTIES_A_TO_Z;
  const initialCounty = values?.county && choices.some((c) => c === values.county) ? values.county : "";
  const [picked, setPicked] = useState<string | null>(null);
  const county = picked ?? initialCounty;
  const suggested = choices.some((c) => c === county) ? [county] : choices;
  return (
    <fieldset className="space-y-4 rounded-xl border border-stone-200 bg-white p-4">
      <legend className="px-1 font-semibold">Deliver to</legend>
      <SelectField
        label="County"
        name="county"
        defaultValue={initialCounty}
        onChange={(e) => setPicked(e.target.value)}
        errors={errors.county}
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
