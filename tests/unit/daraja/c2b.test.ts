import { describe, expect, it } from "vitest";
import { c2bValidationAnswer, parseC2bNotification } from "@/lib/daraja";
import { registerC2bUrls } from "@/lib/daraja/c2b";
import type { PostFn } from "@/lib/daraja/api";

const confirmation = {
  TransactionType: "Pay Bill",
  TransID: "RKTQDM7W6S",
  TransTime: "20261129104512",
  TransAmount: "1800.00",
  BusinessShortCode: "600984",
  BillRefNumber: "dk 7q4m2x",
  InvoiceNumber: "",
  OrgAccountBalance: "49197.00",
  ThirdPartyTransID: "",
  MSISDN: "2547 ***** 149",
  FirstName: "JOHN",
  MiddleName: "",
  LastName: "",
};

describe("C2B confirmation parsing", () => {
  it("reads Daraja's confirmation: amount in whole shillings, EAT time, account number as typed", () => {
    const parsed = parseC2bNotification(confirmation);
    expect(parsed).toEqual({
      ok: true,
      payment: {
        transId: "RKTQDM7W6S",
        transactionType: "Pay Bill",
        transTime: new Date("2026-11-29T07:45:12Z"),
        amountText: "1800.00",
        amountKes: 1800,
        shortcode: "600984",
        billRefNumber: "dk 7q4m2x",
        msisdn: "2547 ***** 149",
        name: "JOHN",
      },
    });
  });

  it("tolerates numbers for TransAmount and a null BillRefNumber (Buy Goods), and keeps a hashed MSISDN", () => {
    const parsed = parseC2bNotification({
      ...confirmation,
      TransAmount: 640,
      BillRefNumber: null,
      MSISDN: "ab".repeat(32),
    });
    expect(parsed.ok && parsed.payment).toMatchObject({
      amountKes: 640,
      billRefNumber: "",
      msisdn: "ab".repeat(32),
    });
  });

  it("marks an amount with cents as not whole shillings rather than rounding it", () => {
    const parsed = parseC2bNotification({ ...confirmation, TransAmount: "1800.50" });
    expect(parsed.ok && parsed.payment.amountKes).toBeNull();
  });

  it("falls back to the receive time when TransTime is not a real date", () => {
    const receivedAt = new Date("2026-11-29T10:00:00Z");
    const parsed = parseC2bNotification({ ...confirmation, TransTime: "20261131250000" }, receivedAt);
    expect(parsed.ok && parsed.payment.transTime).toEqual(receivedAt);
  });

  it("refuses a body without a usable TransID or amount, saying which field", () => {
    expect(parseC2bNotification({ ...confirmation, TransID: "" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("TransID"),
    });
    expect(parseC2bNotification({ ...confirmation, TransAmount: "-5" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("TransAmount"),
    });
    expect(parseC2bNotification("nope")).toMatchObject({ ok: false });
  });
});

describe("C2B validation answers", () => {
  it("accepts with ResultCode 0 and rejects with Daraja's C2B codes", () => {
    expect(c2bValidationAnswer(null)).toEqual({ ResultCode: "0", ResultDesc: "Accepted" });
    expect(c2bValidationAnswer("invalidAccount")).toEqual({ ResultCode: "C2B00012", ResultDesc: "Rejected" });
    expect(c2bValidationAnswer("invalidAmount").ResultCode).toBe("C2B00013");
  });
});

describe("registering C2B URLs: Daraja's answer", () => {
  const answering = (status: number, body: unknown) =>
    registerC2bUrls(
      { shortcode: "600984", post: (async () => ({ kind: "response", status, body, json: true })) as PostFn },
      {
        responseType: "Completed",
        confirmationUrl: "https://shop.example/c",
        validationUrl: "https://shop.example/v",
      },
    );

  it.each([
    [{ OriginatorCoversationID: "6e86-45dd", ResponseCode: "0", ResponseDescription: "Success" }],
    [{ OriginatorCoversationID: "6e86-45dd", ResponseCode: "00000000", ResponseDescription: "success" }],
    [{ ResponseDescription: "Success" }],
  ])("reads %j as registered", async (body) => {
    expect(await answering(200, body)).toMatchObject({ ok: true });
  });

  it("reads another code, or an error envelope, as refused with Daraja's words", async () => {
    expect(await answering(200, { ResponseCode: "1", ResponseDescription: "Failed" })).toMatchObject({
      ok: false,
      errorMessage: "Failed",
    });
    expect(
      await answering(500, { errorCode: "500.003.1001", errorMessage: "Urls are already registered" }),
    ).toMatchObject({ ok: false, errorMessage: "Urls are already registered" });
  });
});
