// What the options and variants forms send, checked and worded for the seller.
import { z } from "zod";
import { emptyAsNull, wholeShillings } from "@/lib/form-fields";
import { formatKes } from "@/lib/format";
import { variantTitle } from "@/lib/pricing/variant-price";
import { withoutBidiControls } from "@/lib/plain-text";

export const MAX_OPTIONS = 3;
export const MAX_VARIANTS = 100;

const label = (what: string) =>
  z
    .string()
    .transform(withoutBidiControls)
    .pipe(z.string().trim().min(1, `Enter the ${what}`).max(30, `Keep each ${what} under 30 characters`));

/** The values as typed, each once: "Small, small" (a phone capitalising one) is one size, spelled as first typed. */
const distinctValues = (s: string) => {
  const byKey = new Map<string, string>();
  for (const raw of s.split(",")) {
    const value = withoutBidiControls(raw).trim().replace(/\s+/g, " ");
    const key = value.toLowerCase();
    if (value && !byKey.has(key)) byKey.set(key, value);
  }
  return [...byKey.values()];
};

const valueList = z
  .string()
  .transform(distinctValues)
  .pipe(
    z
      .array(z.string().max(30, "Keep each value under 30 characters"))
      .min(1, "Enter at least one value, separated by commas")
      .max(20, "At most 20 values per option"),
  );

export type OptionsInput = { name: string; values: string[] }[];

/**
 * Rows of the options form (`option{i}Name`, `option{i}Values`); a row left empty is dropped. Errors are
 * keyed by field name so the form shows each next to its input.
 */
export function parseOptions(
  form: Record<string, unknown>,
): { ok: true; options: OptionsInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const options: OptionsInput = [];
  const fieldErrors: Record<string, string[]> = {};
  for (let i = 0; i < MAX_OPTIONS; i++) {
    const rawName = String(form[`option${i}Name`] ?? "").trim();
    const rawValues = String(form[`option${i}Values`] ?? "").trim();
    if (!rawName && !rawValues) continue;
    const name = label("option name").safeParse(rawName);
    const values = valueList.safeParse(rawValues);
    if (!name.success) fieldErrors[`option${i}Name`] = [name.error.issues[0]!.message];
    else if (options.some((o) => o.name.toLowerCase() === name.data.toLowerCase()))
      fieldErrors[`option${i}Name`] = ["Two options cannot share a name"];
    if (!values.success) fieldErrors[`option${i}Values`] = [values.error.issues[0]!.message];
    if (name.success && values.success) options.push({ name: name.data, values: values.data });
  }
  if (Object.keys(fieldErrors).length === 0 && combinations(options).length > MAX_VARIANTS)
    fieldErrors.option0Values = [`That makes more than ${MAX_VARIANTS} combinations: use fewer values`];
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, options };
}

/** Every combination of values, in option order: Colour [Red, Blue] x Size [S, M] -> Red/S, Red/M, ... */
export function combinations(options: OptionsInput): { values: string[]; title: string }[] {
  const combos = options.reduce<string[][]>(
    (acc, o) => acc.flatMap((prefix) => o.values.map((v) => [...prefix, v])),
    [[]],
  );
  return options.length === 0 ? [] : combos.map((values) => ({ values, title: variantTitle(values) }));
}

export const variantRow = z.object({
  priceKes: emptyAsNull(wholeShillings(250_000, "price", { min: 1 })),
  compareAtKes: emptyAsNull(wholeShillings(250_000, "old price", { min: 1 })),
  stock: z.coerce
    .number({ error: "Enter the stock as a number" })
    .int("Enter the stock in whole numbers")
    .min(0, "The stock must be at least 0")
    .max(100_000, "The stock must be at most 100,000"),
  stockSeen: z.coerce.number().int().min(0).optional(),
  sku: z
    .string()
    .trim()
    .max(40, "Keep the SKU under 40 characters")
    .regex(/^[A-Za-z0-9._-]*$/, "Use letters, digits, dots and dashes")
    .transform((s) => s || null),
  onSale: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export type VariantRowInput = z.infer<typeof variantRow>;

/**
 * The variants form sends `{id}.{field}`; rows are checked one by one, errors keyed the same way. A row's
 * old price must be above its price (its own, else the product's `productPriceKes`), as on the product form:
 * the shop shows no sale otherwise, and the seller would believe it does.
 */
export function parseVariantRows(
  form: Record<string, unknown>,
  ids: string[],
  productPriceKes: number,
): { ok: true; rows: Map<string, VariantRowInput> } | { ok: false; fieldErrors: Record<string, string[]> } {
  const rows = new Map<string, VariantRowInput>();
  const fieldErrors: Record<string, string[]> = {};
  for (const id of ids) {
    const field = (f: string) => form[`${id}.${f}`];
    const parsed = variantRow.safeParse({
      priceKes: field("priceKes"),
      compareAtKes: field("compareAtKes"),
      stock: field("stock"),
      stockSeen: field("stockSeen"),
      sku: field("sku") ?? "",
      onSale: field("onSale"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        fieldErrors[`${id}.${String(issue.path[0])}`] ??= [issue.message];
      continue;
    }
    const { compareAtKes, priceKes } = parsed.data;
    const price = priceKes ?? productPriceKes;
    if (compareAtKes !== null && compareAtKes <= price)
      fieldErrors[`${id}.compareAtKes`] = [
        `The old price must be above the price (${formatKes(price)}), or left empty`,
      ];
    else rows.set(id, parsed.data);
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, rows };
}
