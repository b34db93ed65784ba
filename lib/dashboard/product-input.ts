import { z } from "zod";
import { withoutBidiControls } from "@/lib/plain-text";

export const IMAGE_TYPES = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" } as const;

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label} as a number` })
    .int(`Enter the ${label} in whole numbers`)
    .min(min, `The ${label} must be at least ${min}`)
    .max(max, `The ${label} must be at most ${max.toLocaleString("en-KE")}`);

/** What the product form sends; errors are worded for the seller and shown next to each field. */
export const productInput = z.object({
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
  stock: whole("stock", 0, 100_000),
  stockSeen: z.coerce.number().int().min(0).optional(),
  categoryId: z.string().min(1, "Choose a category"),
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

/** Checks an upload by its first bytes, not only by the type the browser claims. */
export function sniffImageType(bytes: Uint8Array): keyof typeof IMAGE_TYPES | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return "image/webp";
  return null;
}
