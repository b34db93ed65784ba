import { z } from "zod";
import { eatNumberToDate } from "./timestamp";
import type { CallbackParse } from "./types";

const id = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const envelope = z.object({
  Body: z.object({
    stkCallback: z.object({
      MerchantRequestID: id.optional(),
      CheckoutRequestID: id.refine((v) => v !== "", "must not be empty"),
      // A number in callbacks (0, 1032), yet sometimes a string ("SFC_IC0003").
      ResultCode: id.refine((v) => v !== "", "must not be empty"),
      ResultDesc: z.string().optional(),
      CallbackMetadata: z.unknown().optional(),
    }),
  }),
});

const metadata = z.object({ Item: z.array(z.unknown()) });
const item = z.object({ Name: z.string(), Value: z.unknown().optional() });

/** Reads an STK callback into our own shape. Never throws: a bad body is reported with the path at fault. */
export function parseCallback(body: unknown, receivedAt: Date = new Date()): CallbackParse {
  try {
    const parsed = envelope.safeParse(body);
    if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
    const cb = parsed.data.Body.stkCallback;
    const base = {
      merchantRequestId: cb.MerchantRequestID ?? "",
      checkoutRequestId: cb.CheckoutRequestID,
      resultDesc: cb.ResultDesc ?? "",
    };
    if (cb.ResultCode !== "0")
      return { ok: true, callback: { success: false, ...base, resultCode: cb.ResultCode } };

    const unusable = (error: string) => ({
      ok: false as const,
      error,
      unusableSuccess: {
        merchantRequestId: base.merchantRequestId,
        checkoutRequestId: base.checkoutRequestId,
      },
    });
    const meta = metadata.safeParse(cb.CallbackMetadata);
    if (!meta.success)
      return unusable("Body.stkCallback.CallbackMetadata.Item: missing on a successful payment");
    const values = readItems(meta.data.Item);
    const amount = positiveNumber(values.get("Amount"));
    if (amount === undefined) return unusable("CallbackMetadata Amount: missing or not a positive number");
    const receipt = values.get("MpesaReceiptNumber");
    if (typeof receipt !== "string" || receipt.trim() === "") {
      return unusable("CallbackMetadata MpesaReceiptNumber: missing or not a string");
    }
    // The money has moved: a missing or odd TransactionDate must not lose the payment, so fall back.
    const transactionDate = readDate(values.get("TransactionDate"));
    const phone = readPhone(values.get("PhoneNumber"));
    const balance = positiveNumber(values.get("Balance"), true);
    return {
      ok: true,
      callback: {
        success: true,
        ...base,
        resultCode: "0",
        amount,
        receipt: receipt.trim(),
        transactionDate: transactionDate ?? receivedAt,
        ...(transactionDate ? {} : { transactionDateMissing: true as const }),
        ...(phone ? { phone } : {}),
        ...(balance !== undefined ? { balance } : {}),
      },
    };
  } catch {
    return { ok: false, error: "callback body could not be read" };
  }
}

// Item order is not fixed and unknown names come and go: index by Name, first one wins.
function readItems(items: unknown[]): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const raw of items) {
    const parsed = item.safeParse(raw);
    if (parsed.success && !values.has(parsed.data.Name)) values.set(parsed.data.Name, parsed.data.Value);
  }
  return values;
}

function positiveNumber(value: unknown, allowZero = false): number | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && (n > 0 || (allowZero && n === 0)) ? n : undefined;
}

function readDate(value: unknown): Date | undefined {
  if (typeof value !== "number" && typeof value !== "string") return undefined;
  try {
    return eatNumberToDate(value);
  } catch {
    return undefined;
  }
}

function readPhone(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(body)"}: ${issue.message}`)
    .join("; ");
}
