import { z } from "zod";
import { emptyAsNull, wholeShillings } from "@/lib/form-fields";
import { singleLine } from "@/lib/plain-text";
import { isCounty } from "./counties";

/** The pickup point and the free-delivery threshold (empty: none). */
export const deliverySettingsInput = z.object({
  pickupEnabled: z.boolean(),
  pickupAddress: z.string().transform(singleLine).pipe(z.string().max(200, "Use at most 200 characters.")),
  pickupHours: z.string().transform(singleLine).pipe(z.string().max(100, "Use at most 100 characters.")),
  freeDeliveryThresholdKes: emptyAsNull(wholeShillings(250_000, "threshold", { min: 1 })),
  payOnPickup: z.boolean(),
  payOnDeliveryNote: z.string().trim().max(160, "Use at most 160 characters."),
});

type FieldErrors = Record<string, string[] | undefined>;

/** An address and hours are needed only when pickup is offered. */
function pickupErrors(raw: ReturnType<typeof readSettingsForm>): FieldErrors {
  if (!raw.pickupEnabled) return {};
  const errors: FieldErrors = {};
  if (raw.pickupAddress.trim().length < 5) errors.pickupAddress = ["Enter the shop's address for pickup."];
  if (raw.pickupHours.trim().length < 3)
    errors.pickupHours = ["Enter the opening hours, e.g. Mon-Sat 8:00-18:00."];
  return errors;
}

/** Every field's errors at once (zod skips object refinements while a field is invalid, so pickup is apart). */
export function parseDeliverySettings(raw: ReturnType<typeof readSettingsForm>) {
  const parsed = deliverySettingsInput.safeParse(raw);
  const fieldErrors = {
    ...(parsed.success ? {} : z.flattenError(parsed.error).fieldErrors),
    ...pickupErrors(raw),
  };
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false as const, fieldErrors };
  return { ok: true as const, data: parsed.data };
}

/** A delivery zone as the owner edits it: fee 0-50,000 shillings, counties from the 47 (none: all). */
export const zoneInput = z.object({
  name: z
    .string()
    .transform(singleLine)
    .pipe(z.string().min(2, "Name the zone, e.g. Nairobi CBD.").max(60, "Use at most 60 characters.")),
  feeKes: wholeShillings(50_000, "fee"),
  etaText: z
    .string()
    .transform(singleLine)
    .pipe(
      z.string().min(2, "Say how long delivery takes, e.g. Same day.").max(60, "Use at most 60 characters."),
    ),
  counties: z.array(z.string()).refine((cs) => cs.every(isCounty), "Choose counties from the list."),
  active: z.boolean(),
  sortOrder: z.coerce.number().int().min(0).max(999).catch(0),
  payOnDelivery: z.boolean(),
  payOnDeliveryMaxKes: emptyAsNull(wholeShillings(250_000, "maximum", { min: 1 })),
});

export function readSettingsForm(formData: FormData) {
  return {
    pickupEnabled: formData.get("pickupEnabled") === "on",
    pickupAddress: String(formData.get("pickupAddress") ?? ""),
    pickupHours: String(formData.get("pickupHours") ?? ""),
    freeDeliveryThresholdKes: String(formData.get("freeDeliveryThresholdKes") ?? ""),
    payOnPickup: formData.get("payOnPickup") === "on",
    payOnDeliveryNote: String(formData.get("payOnDeliveryNote") ?? ""),
  };
}

export function readZoneForm(formData: FormData) {
  return {
    name: String(formData.get("name") ?? ""),
    feeKes: String(formData.get("feeKes") ?? ""),
    etaText: String(formData.get("etaText") ?? ""),
    counties: formData.getAll("counties").map(String),
    active: formData.get("active") === "on",
    sortOrder: String(formData.get("sortOrder") ?? "0"),
    payOnDelivery: formData.get("payOnDelivery") === "on",
    payOnDeliveryMaxKes: String(formData.get("payOnDeliveryMaxKes") ?? ""),
  };
}
