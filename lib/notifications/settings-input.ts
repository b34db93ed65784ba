import { z } from "zod";
import { lowStockCount } from "@/lib/form-fields";
import { toE164 } from "./recipients";

const MAX_RECIPIENTS = 5;

const split = (text: unknown) =>
  String(text ?? "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The longest a number can be typed with its spaces taken out: +254 and nine digits. */
const LONGEST_NUMBER = "+254712345678".length;

/** Where the number that starts at words[start] ends (joining words as needed), or -1 if none does. */
function numberEnd(words: string[], start: number): number {
  let joined = "";
  for (let end = start; end < words.length && joined.length < LONGEST_NUMBER; end++) {
    joined += words[end];
    if (toE164(joined)) return end + 1;
  }
  return -1;
}

/**
 * A line of the phone box as the entries the owner meant. Spaces inside a number are how checkout writes
 * it ("0712 345 678") and spaces between numbers make a list, so words are joined until they make a
 * number; words that never do stay together as typed ("0712 345 67"), for the error to quote.
 */
function phoneEntries(line: string): string[] {
  const words = line.split(/\s+/).filter(Boolean);
  const entries: string[] = [];
  let unmatched: string[] = [];
  for (let i = 0; i < words.length;) {
    const end = numberEnd(words, i);
    if (end === -1) {
      unmatched.push(words[i++]!);
      continue;
    }
    if (unmatched.length > 0) entries.push(unmatched.join(" "));
    unmatched = [];
    entries.push(words.slice(i, end).join(" "));
    i = end;
  }
  if (unmatched.length > 0) entries.push(unmatched.join(" "));
  return entries;
}

const splitPhones = (text: unknown) =>
  String(text ?? "")
    .split(/[,;\n]+/)
    .flatMap(phoneEntries);

const phones = z.preprocess(
  splitPhones,
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
