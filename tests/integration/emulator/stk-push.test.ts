import { describe, expect, it } from "vitest";
import { eatTimestamp, password, PHONE, push, pushBody, SHORTCODE, withEmulator } from "./helpers";

describe("emulator STK push", () => {
  const setup = withEmulator();

  const send = (overrides: Record<string, unknown> = {}) =>
    push(setup.emulator.url, setup.token, pushBody(setup.receiver.url, overrides));

  it("accepts a valid push with Daraja's body and realistic IDs", async () => {
    const answer = await send();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      MerchantRequestID: expect.stringMatching(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\d{6}$/),
      CheckoutRequestID: expect.stringMatching(/^ws_CO_\d{14}\d{1,3}708374149$/),
      ResponseCode: "0",
      ResponseDescription: "Success. Request accepted for processing",
      CustomerMessage: "Success. Request accepted for processing",
    });
    const day = eatTimestamp();
    const dayFirst = `${day.slice(6, 8)}${day.slice(4, 6)}${day.slice(0, 4)}`;
    expect(String(answer.body.CheckoutRequestID).slice(6, 14)).toBe(dayFirst);
    expect(setup.emulator.control.prompts(PHONE)).toHaveLength(1);
  });

  it("accepts numbers for numeric fields and a localhost callback", async () => {
    const answer = await send({
      Amount: "1",
      BusinessShortCode: 174379,
      PartyB: 174379,
      PhoneNumber: 254708374149,
      CallBackURL: "http://localhost:3000/cb",
    });
    expect(answer.status).toBe(200);
  });

  const invalid = (field: string) => ({
    requestId: expect.any(String),
    errorCode: "400.002.02",
    errorMessage: `Bad Request - Invalid ${field}`,
  });

  it.each([
    ["BusinessShortCode", { BusinessShortCode: "17437999" }],
    ["BusinessShortCode", { BusinessShortCode: "abc" }],
    ["Timestamp", { Timestamp: "2026-09-01 10:00:00" }],
    ["Timestamp", { Timestamp: "20260231120000" }],
    ["TransactionType", { TransactionType: "CustomerPayBill" }],
    ["Amount", { Amount: 12.5 }],
    ["Amount", { Amount: 0 }],
    ["Amount", { Amount: 250_001 }],
    ["Amount", { Amount: "ten" }],
    ["PhoneNumber", { PhoneNumber: "0708374149" }],
    ["PhoneNumber", { PhoneNumber: "25470837414" }],
    ["PartyA", { PartyA: "+254708374149" }],
    ["PartyB", { PartyB: "12" }],
    ["CallBackURL", { CallBackURL: "ftp://example.com/cb" }],
    ["CallBackURL", { CallBackURL: "https://example.com/cb " }],
    ["CallBackURL", { CallBackURL: "not a url" }],
    ["CallBackURL", { CallBackURL: undefined }],
    ["AccountReference", { AccountReference: null }],
    ["Remarks", { TransactionDesc: null }],
    ["Remarks", { TransactionDesc: undefined }],
  ])("answers 400 Invalid %s for %j", async (field, overrides) => {
    const answer = await send(overrides);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain("application/json");
    expect(answer.body).toEqual(invalid(field));
  });

  it("refuses a body that is not JSON", async () => {
    const answer = await push(setup.emulator.url, setup.token, "{not json");
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errorCode: "400.002.05" });
  });

  it.each([
    ["more than the skew ahead", 400],
    ["more than the skew behind", -400],
    ["in UTC instead of EAT", -3 * 3600],
  ])("refuses a Timestamp %s", async (_label, offsetSec) => {
    const timestamp = eatTimestamp(offsetSec);
    const answer = await send({ Timestamp: timestamp, Password: password(timestamp) });
    expect(answer.body).toEqual(invalid("Timestamp"));
  });

  it("accepts a Timestamp inside the skew", async () => {
    const timestamp = eatTimestamp(-200);
    expect((await send({ Timestamp: timestamp, Password: password(timestamp) })).status).toBe(200);
  });

  it("answers 500 Wrong credentials to a password that does not match", async () => {
    const answer = await send({ Password: password(eatTimestamp(), SHORTCODE, "wrong-passkey") });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      requestId: expect.any(String),
      errorCode: "500.001.1001",
      errorMessage: "Wrong credentials",
    });
  });

  it("answers 500 Merchant does not exist to an unknown shortcode", async () => {
    const timestamp = eatTimestamp();
    const answer = await send({
      BusinessShortCode: "600000",
      PartyB: "600000",
      Password: password(timestamp, "600000"),
      Timestamp: timestamp,
    });
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ errorCode: "500.001.1001", errorMessage: "Merchant does not exist" });
  });

  it("knows configured merchants", async () => {
    setup.emulator.control.setOptions({ merchants: { "600000": "other-passkey" } });
    const timestamp = eatTimestamp();
    const answer = await send({
      BusinessShortCode: "600000",
      PartyB: "600000",
      Password: password(timestamp, "600000", "other-passkey"),
      Timestamp: timestamp,
    });
    expect(answer.status).toBe(200);
  });

  it("locks a subscriber who already has an open prompt", async () => {
    expect((await send()).status).toBe(200);
    const second = await send({ Amount: 99 });
    expect(second.status).toBe(500);
    expect(second.body).toMatchObject({
      errorCode: "500.001.1001",
      errorMessage:
        "Unable to lock subscriber, a transaction is already in process for the current subscriber",
    });
    expect((await send({ PhoneNumber: "254711000001", PartyA: "254711000001" })).status).toBe(200);
  });

  it("accepts a long AccountReference but never shows the prompt, and warns in the log", async () => {
    const answer = await send({
      AccountReference: "ACCOUNT-REF-TOO-LONG",
      TransactionDesc: "A description that is long",
    });
    expect(answer.status).toBe(200);
    const [entry] = setup.emulator.control.ledger().entries;
    expect(entry).toMatchObject({ shownOnPhone: false, state: "open" });
    const [call] = setup.emulator.control.log();
    expect(call?.warnings.join(" ")).toMatch(/AccountReference.*TransactionDesc/);
  });
});
