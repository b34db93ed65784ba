/** Kenya's 47 counties, in the order of their official county codes (Mombasa 001 ... Nairobi 047). */
export const KENYA_COUNTIES = [
  "Mombasa",
  "Kwale",
  "Kilifi",
  "Tana River",
  "Lamu",
  "Taita-Taveta",
  "Garissa",
  "Wajir",
  "Mandera",
  "Marsabit",
  "Isiolo",
  "Meru",
  "Tharaka-Nithi",
  "Embu",
  "Kitui",
  "Machakos",
  "Makueni",
  "Nyandarua",
  "Nyeri",
  "Kirinyaga",
  "Murang'a",
  "Kiambu",
  "Turkana",
  "West Pokot",
  "Samburu",
  "Trans Nzoia",
  "Uasin Gishu",
  "Elgeyo-Marakwet",
  "Nandi",
  "Baringo",
  "Laikipia",
  "Nakuru",
  "Narok",
  "Kajiado",
  "Kericho",
  "Bomet",
  "Kakamega",
  "Vihiga",
  "Bungoma",
  "Busia",
  "Siaya",
  "Kisumu",
  "Homa Bay",
  "Migori",
  "Kisii",
  "Nyamira",
  "Nairobi",
] as const;

export type County = (typeof KENYA_COUNTIES)[number];

const known = new Set<string>(KENYA_COUNTIES);

export function isCounty(value: string): value is County {
  return known.has(value);
}

/** Counties in alphabetical order, for pickers. */
export const COUNTIES_A_TO_Z: readonly County[] = [...KENYA_COUNTIES].sort((a, b) => a.localeCompare(b));
