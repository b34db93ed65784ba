import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import { emptyAsNull, wholeShillings } from "@/lib/form-fields";
import { SHOP_TIME_ZONE } from "@/lib/format";
import { normalizeCode } from "@/lib/pricing/discount";

const blankToNull = (v: unknown) => (v === "" || v === undefined || v === null ? null : v);

const optionalWhole = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: `Enter the ${label} as a number` })
      .int(`Enter the ${label} in whole numbers`)
      .min(min, `The ${label} must be at least ${min}`)
      .max(max, `The ${label} must be at most ${max.toLocaleString("en-KE")}`)
      .nullable(),
  );

/** A date and time typed in the shop's time (EAT) from a datetime-local input, kept as an instant. */
const eatInstant = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and time")
    .transform((v) => fromZonedTime(`${v}:00`, SHOP_TIME_ZONE))
    .nullable(),
);

/** The owner's discount code form; errors are worded for the seller and shown next to each field. */
export const codeInput = z
  .object({
    code: z
      .string()
      .transform(normalizeCode)
      .pipe(
        z
          .string()
          .min(3, "Use at least 3 letters or digits")
          .max(24, "Keep the code under 24 characters")
          .regex(/^[A-Z0-9_-]+$/, "Use letters, digits, dashes and underscores"),
      ),
    kind: z.enum(["PERCENT", "FIXED", "FREE_DELIVERY"], { error: "Choose what the code gives" }),
    // Percent or shillings off: either is typed as shillings are ("10", "1,500", "KES 1,500").
    value: emptyAsNull(
      wholeShillings(250_000, "amount", {
        min: 1,
        invalid: "Enter the amount as a number, e.g. 10 or 1,500.",
      }),
    ),
    minOrderKes: emptyAsNull(wholeShillings(250_000, "minimum order", { min: 1 })),
    startsAt: eatInstant,
    endsAt: eatInstant,
    maxUses: optionalWhole("total uses", 1, 1_000_000),
    maxUsesPerPhone: optionalWhole("uses per phone", 1, 1000),
    productIds: z.array(z.string().min(1)).max(200),
    categoryIds: z.array(z.string().min(1)).max(50),
    active: z.boolean(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === "PERCENT" && (c.value === null || c.value > 100))
      ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a percentage from 1 to 100" });
    if (c.kind === "FIXED" && c.value === null)
      ctx.addIssue({ code: "custom", path: ["value"], message: "Enter the shillings off" });
    if (c.startsAt && c.endsAt && c.endsAt <= c.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
  })
  .transform((c) => ({ ...c, value: c.kind === "FREE_DELIVERY" ? 0 : (c.value ?? 0) }));

export function readCodeForm(formData: FormData) {
  const text = (name: string) => String(formData.get(name) ?? "");
  return {
    code: text("code"),
    kind: text("kind"),
    value: text("value"),
    minOrderKes: text("minOrderKes"),
    startsAt: text("startsAt"),
    endsAt: text("endsAt"),
    maxUses: text("maxUses"),
    maxUsesPerPhone: text("maxUsesPerPhone"),
    productIds: formData.getAll("productIds").map(String),
    categoryIds: formData.getAll("categoryIds").map(String),
    active: formData.get("active") === "on",
  };
}

export type CodeFormValues = ReturnType<typeof readCodeForm>;
