import { z } from "zod";
import { withoutBidiControls } from "@/lib/plain-text";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label} as a number` })
    .int(`Enter the ${label} in whole numbers`)
    .min(min, `The ${label} must be at least ${min}`)
    .max(max, `The ${label} must be at most ${max.toLocaleString("en-KE")}`);

/** What the product form sends; errors are worded for the seller and shown next to each field. */
export const productInput = z
  .object({
    name: z
      .string()
      .transform(withoutBidiControls)
      .pipe(
        z
          .string()
          .trim()
          .min(2, "Enter a name of at least 2 characters")
          .max(120, "Keep the name under 120 characters"),
      ),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(80, "Keep the web address under 80 characters")
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes, e.g. kikoy-blue"),
    description: z
      .string()
      .trim()
      .min(10, "Describe the product in at least 10 characters")
      .max(2000, "Keep the description under 2,000 characters"),
    priceKes: whole("price", 1, 250_000),
    compareAtKes: z.preprocess(
      (v) => (v === "" || v == null ? null : v),
      whole("old price", 1, 250_000).nullable(),
    ),
    stock: whole("stock", 0, 100_000),
    stockSeen: z.coerce.number().int().min(0).optional(),
    categoryId: z.string().min(1, "Choose a category"),
  })
  .refine((p) => p.compareAtKes === null || p.compareAtKes > p.priceKes, {
    path: ["compareAtKes"],
    message: "The old price must be above the price, or left empty",
  });

/** A slug suggestion from a name: "Kenya AA Coffee 500g" -> "kenya-aa-coffee-500g". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}
