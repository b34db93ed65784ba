import { z } from "zod";
import { emptyAsNull, lowStockCount, wholeShillings } from "@/lib/form-fields";
import { paragraphs, singleLine } from "@/lib/plain-text";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label} as a number` })
    .int(`Enter the ${label} in whole numbers`)
    .min(min, `The ${label} must be at least ${min}`)
    .max(max, `The ${label} must be at most ${max.toLocaleString("en-KE")}`);

/** The price box: whole shillings up to 250,000, with or without "KES" and thousands commas. */
const price = wholeShillings(250_000, "price", {
  min: 1,
  invalid: "Enter the price in whole shillings, e.g. 1,200",
});

/** A price box that may be left empty or out (null). */
export const optionalPrice = z
  .union([z.literal("").transform(() => null), price])
  .optional()
  .transform((kes) => kes ?? null);

/** What the product form sends; errors are worded for the seller and shown next to each field. */
export const productInput = z
  .object({
    name: z
      .string()
      .transform(singleLine)
      .pipe(
        z
          .string()
          .min(2, "Enter a name of at least 2 characters")
          .max(120, "Keep the name under 120 characters"),
      ),
    /** Empty: made from the name (lib/dashboard/product-slug.ts). */
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(80, "Keep the web address under 80 characters")
      .regex(
        /^([a-z0-9]+(-[a-z0-9]+)*)?$/,
        "Use lowercase letters, digits and single dashes, e.g. kikoy-blue",
      ),
    description: z
      .string()
      .transform(paragraphs)
      .pipe(
        z
          .string()
          .min(10, "Describe the product in at least 10 characters")
          .max(2000, "Keep the description under 2,000 characters"),
      ),
    priceKes: price,
    /** The price before the sale, struck through in the shop; empty: not on sale. */
    compareAtKes: optionalPrice,
    stock: whole("stock", 0, 100_000),
    /** Alert the seller at this many left; empty: the shop's default (alert settings). */
    lowStockThreshold: emptyAsNull(lowStockCount),
    stockSeen: z.coerce.number().int().min(0).optional(),
    categoryId: z.string().min(1, "Choose a category"),
  })
  .refine((p) => p.compareAtKes === null || p.compareAtKes > p.priceKes, {
    path: ["compareAtKes"],
    message: "The old price must be above the price, or left empty",
  });

/** A web address from a name: "Kenya AA Coffee 500g" -> "kenya-aa-coffee-500g", "Café Crème" -> "cafe-creme". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 80)
    .replace(/^-+|-+$/g, "");
}
