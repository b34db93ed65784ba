"use client";

import { useState } from "react";
import { COUNTIES_A_TO_Z } from "@/lib/delivery/counties";
import { townsOf } from "@/lib/delivery/towns";
import { TextField } from "@/components/ui/text-field";

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
  const countyError = errors.county?.[0];
  const initialCounty = values?.county && choices.some((c) => c === values.county) ? values.county : "";
  const [picked, setPicked] = useState<string | null>(null);
  const county = picked ?? initialCounty;
  const suggested = choices.some((c) => c === county) ? [county] : choices;
  return (
    <fieldset className="space-y-4 rounded-xl border border-stone-200 bg-white p-4">
      <legend className="px-1 font-semibold">Deliver to</legend>
      <div>
        <label htmlFor="field-county" className="block text-sm font-medium">
          County
        </label>
        <select
          id="field-county"
          name="county"
          defaultValue={initialCounty}
          onChange={(e) => setPicked(e.target.value)}
          aria-invalid={countyError ? true : undefined}
          aria-describedby={countyError ? "field-county-error" : undefined}
          className="mt-1 min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 aria-invalid:border-red-600"
        >
          <option value="">Choose a county</option>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {countyError && (
          <p id="field-county-error" className="mt-1 text-sm text-red-700">
            {countyError}
          </p>
        )}
      </div>
      <TextField
        label="Town or estate"
        name="town"
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
        placeholder="e.g. Sarit Centre, gate B, 3rd floor"
        hint="What the rider looks for: building, road, gate, floor."
        defaultValue={values?.landmark}
        errors={errors.landmark}
        required
      />
    </fieldset>
  );
}
