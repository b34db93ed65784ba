import { z } from "zod";
import { lowStockCount } from "@/lib/form-fields";
import { toE164 } from "./recipients";

const MAX_RECIPIENTS = 5;

const split = (text: unknown) =>
  String(text ?? "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const phones = z.preprocess(
  split,
  z
    .array(z.string())
    .max(MAX_RECIPIENTS, `At most ${MAX_RECIPIENTS} numbers`)
    .transform((list, ctx) => {
      const bad = list.filter((p) => !toE164(p));
      if (bad.length > 0)
        ctx.addIssue({
          code: "custom",
          message: `Not a Kenyan mobile number: ${bad.join(", ")} (use 07XXXXXXXX or +2547XXXXXXXX)`,
        });
      return [...new Set(list.map((p) => toE164(p) ?? p))];
    }),
);

const emails = z.preprocess(
  split,
  z
    .array(z.string())
    .max(MAX_RECIPIENTS, `At most ${MAX_RECIPIENTS} addresses`)
    .transform((list, ctx) => {
      const bad = list.filter((e) => !z.email().safeParse(e).success);
      if (bad.length > 0)
        ctx.addIssue({ code: "custom", message: `Not an email address: ${bad.join(", ")}` });
      return [...new Set(list.map((e) => e.toLowerCase()))];
    }),
);

const ticked = z.preprocess((v) => v === "on", z.boolean());

/**
 * The owner's alert settings form: lists of numbers and emails, each channel on or off, when a variant
 * counts as low on stock, and the morning stock summary on or off.
 */
export const alertSettingsSchema = z.object({
  alertPhones: phones,
  alertEmails: emails,
  smsEnabled: ticked,
  emailEnabled: ticked,
  lowStockThreshold: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    lowStockCount,
  ),
  dailyStockSummary: ticked,
});
