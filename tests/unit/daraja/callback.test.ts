import { describe, expect, it } from "vitest";
import type { CallbackItem } from "@/emulator";
import {
  applyCallbackForm,
  callbackText,
  drawCallbackForm,
  seededRandom,
} from "@/emulator/daraja/stk/callback-variety";
import { parseCallback } from "@/lib/daraja";
import { cancelledCallback, successCallback } from "./samples";

type Item = { Name: string; Value?: unknown };
const withItems = (items: Item[]) => ({
  Body: { stkCallback: { ...successCallback.Body.stkCallback, CallbackMetadata: { Item: items } } },
});
const items = successCallback.Body.stkCallback.CallbackMetadata.Item;
const replace = (name: string, value: unknown): Item[] =>
  items.map((i) => (i.Name === name ? { Name: name, Value: value } : i));
const without = (name: string): Item[] => items.filter((i) => i.Name !== name);

describe("parseCallback", () => {
  it("reads the success sample from docs/daraja.md", () => {
    expect(parseCallback(successCallback)).toEqual({
      ok: true,
      callback: {
        success: true,
        merchantRequestId: "29115-34620561-1",
        checkoutRequestId: "ws_CO_191220191020363925",
        resultCode: "0",
        resultDesc: "The service request is processed successfully.",
        amount: 1,
        receipt: "NLJ7RT61SV",
        transactionDate: new Date("2019-12-19T07:21:15Z"),
        phone: "254708374149",
      },
    });
  });

  it("reads the 1032 failure sample", () => {
    expect(parseCallback(cancelledCallback)).toEqual({
      ok: true,
      callback: {
        success: false,
        merchantRequestId: "29115-34620561-1",
        checkoutRequestId: "ws_CO_191220191020363925",
        resultCode: "1032",
        resultDesc: "Request cancelled by user",
      },
    });
  });

  it('takes a string ResultCode like SFC_IC0003, and "0" as success', () => {
    const sfc = {
      Body: { stkCallback: { ...cancelledCallback.Body.stkCallback, ResultCode: "SFC_IC0003" } },
    };
    expect(parseCallback(sfc)).toMatchObject({
      ok: true,
      callback: { success: false, resultCode: "SFC_IC0003" },
    });
    const stringZero = { Body: { stkCallback: { ...successCallback.Body.stkCallback, ResultCode: "0" } } };
    expect(parseCallback(stringZero)).toMatchObject({ ok: true, callback: { success: true, amount: 1 } });
  });

  it.each([
    ['Amount as "1.00"', replace("Amount", "1.00"), { amount: 1 }],
    ["a non-integer Amount", replace("Amount", 1.5), { amount: 1.5 }],
    [
      "TransactionDate as a string",
      replace("TransactionDate", "20191219102115"),
      { transactionDate: new Date("2019-12-19T07:21:15Z") },
    ],
    ["PhoneNumber as a string", replace("PhoneNumber", "254708374149"), { phone: "254708374149" }],
    ["a Balance with a Value", replace("Balance", 12.5), { balance: 12.5 }],
    ["items in reverse order", [...items].reverse(), { amount: 1, receipt: "NLJ7RT61SV" }],
    [
      "unknown extra items",
      [...items, { Name: "Extra", Value: { deep: [1] } }, { Name: 7 } as unknown as Item],
      { amount: 1 },
    ],
  ])("tolerates %s", (_, metadataItems, expected) => {
    expect(parseCallback(withItems(metadataItems))).toMatchObject({
      ok: true,
      callback: { success: true, ...expected },
    });
  });

  it("omits a missing phone, and falls back to the receive time for a missing or bad TransactionDate", () => {
    const receivedAt = new Date("2026-11-25T10:00:00Z");
    const noPhone = parseCallback(withItems(without("PhoneNumber")));
    expect(noPhone.ok && noPhone.callback).not.toHaveProperty("phone");
    for (const bad of [
      without("TransactionDate"),
      replace("TransactionDate", 20191399999999),
      replace("TransactionDate", 1e300),
    ]) {
      expect(parseCallback(withItems(bad), receivedAt)).toMatchObject({
        ok: true,
        callback: { success: true, transactionDate: receivedAt, transactionDateMissing: true },
      });
    }
  });

  it.each([
    ["no Amount", withItems(without("Amount")), /Amount/],
    ["a zero Amount", withItems(replace("Amount", 0)), /Amount/],
    ["a text Amount", withItems(replace("Amount", "one")), /Amount/],
    ["no receipt", withItems(without("MpesaReceiptNumber")), /MpesaReceiptNumber/],
    ["an empty receipt", withItems(replace("MpesaReceiptNumber", "  ")), /MpesaReceiptNumber/],
    [
      "no CallbackMetadata",
      { Body: { stkCallback: { ...cancelledCallback.Body.stkCallback, ResultCode: 0 } } },
      /CallbackMetadata/,
    ],
  ])("refuses a success with %s", (_, body, message) => {
    const parsed = parseCallback(body);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });

  it.each([
    [
      "missing CheckoutRequestID",
      { Body: { stkCallback: { ResultCode: 0 } } },
      /Body\.stkCallback\.CheckoutRequestID/,
    ],
    [
      "missing ResultCode",
      { Body: { stkCallback: { CheckoutRequestID: "ws_CO_1" } } },
      /Body\.stkCallback\.ResultCode/,
    ],
    [
      "ResultCode an object",
      { Body: { stkCallback: { CheckoutRequestID: "ws_CO_1", ResultCode: {} } } },
      /ResultCode/,
    ],
    ["no stkCallback", { Body: {} }, /Body\.stkCallback/],
  ])("says which field is wrong: %s", (_, body, message) => {
    const parsed = parseCallback(body);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });

  const deep: unknown = Array.from({ length: 5000 }).reduce<unknown>((acc) => ({ Body: acc }), {});
  const hostile = Object.defineProperty({}, "Body", {
    enumerable: true,
    get() {
      throw new Error("boom");
    },
  });
  it.each([
    null,
    undefined,
    0,
    1e308,
    "",
    '{"Body":{}}',
    [],
    [successCallback],
    true,
    deep,
    hostile,
    { Body: { stkCallback: null } },
  ])("never throws on garbage: %#", (garbage) => {
    const parsed = parseCallback(garbage);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.length).toBeGreaterThan(0);
  });
});

describe("parseCallback against every form the emulator sends", () => {
  const items: CallbackItem[] = [
    { Name: "Amount", Value: 1800 },
    { Name: "MpesaReceiptNumber", Value: "NLJ7RT61SV" },
    { Name: "Balance" },
    { Name: "TransactionDate", Value: 20261129104512 },
    { Name: "PhoneNumber", Value: 254708374149 },
  ];
  const random = seededRandom(42);
  const forms = Array.from({ length: 40 }, () => drawCallbackForm(random, items.length));

  it.each(forms.map((form, i) => [i, form] as const))("form %i", (_i, form) => {
    const body = {
      Body: {
        stkCallback: {
          MerchantRequestID: "29115-34620561-1",
          CheckoutRequestID: "ws_CO_29112026104500123708374149",
          ResultCode: 0,
          ResultDesc: "The service request is processed successfully.",
          CallbackMetadata: { Item: applyCallbackForm(items, form) },
        },
      },
    };
    const raw = callbackText(body, form);
    expect(raw.includes('"Value":1800.00')).toBe(form.decimalAmount);
    const parsed = parseCallback(JSON.parse(raw));
    expect(parsed).toMatchObject({
      ok: true,
      callback: {
        success: true,
        amount: 1800,
        receipt: "NLJ7RT61SV",
        transactionDate: new Date("2026-11-29T07:45:12Z"),
        phone: "254708374149",
      },
    });
    expect(parsed.ok && parsed.callback.success && parsed.callback.balance).toBe(undefined);
  });
});
