import { describe, expect, it } from "vitest";
import { eatTimestamp, PHONE, push, pushBody, sleep, startReceiver, withEmulator } from "./helpers";

describe("emulator callbacks and phone actions", () => {
  const setup = withEmulator({ duplicateAmountRule: false });

  const startPrompt = async (overrides: Record<string, unknown> = {}) => {
    const answer = await push(setup.emulator.url, setup.token, pushBody(setup.receiver.url, overrides));
    expect(answer.status).toBe(200);
    return {
      checkoutRequestId: String(answer.body.CheckoutRequestID),
      merchantRequestId: String(answer.body.MerchantRequestID),
    };
  };

  it("POSTs Daraja's success body once, with the Businessshortcode header", async () => {
    const ids = await startPrompt();
    const delivery = await setup.emulator.control.pay(PHONE);
    expect(delivery).toMatchObject({
      status: 200,
      error: null,
      url: setup.receiver.url,
      checkoutRequestId: ids.checkoutRequestId,
    });
    await sleep(100);
    expect(setup.receiver.received).toHaveLength(1);
    const [callback] = setup.receiver.received;
    expect(callback?.path).toBe("/api/payments/callback/secret-token");
    expect(callback?.headers.businessshortcode).toBe("174379");
    expect(callback?.headers["content-type"]).toBe("application/json");
    const receipt = setup.emulator.control.ledger().entries[0]?.receipt;
    expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(callback?.body).toEqual({
      Body: {
        stkCallback: {
          MerchantRequestID: ids.merchantRequestId,
          CheckoutRequestID: ids.checkoutRequestId,
          ResultCode: 0,
          ResultDesc: "The service request is processed successfully.",
          CallbackMetadata: {
            Item: [
              { Name: "Amount", Value: 1250 },
              { Name: "MpesaReceiptNumber", Value: receipt },
              { Name: "Balance" },
              { Name: "TransactionDate", Value: expect.any(Number) },
              { Name: "PhoneNumber", Value: 254708374149 },
            ],
          },
        },
      },
    });
    const items = (
      callback?.body as { Body: { stkCallback: { CallbackMetadata: { Item: { Value?: number }[] } } } }
    ).Body.stkCallback.CallbackMetadata.Item;
    expect(Math.abs(Number(items[3]?.Value) - Number(eatTimestamp()))).toBeLessThan(100);
  });

  it.each([
    ["cancel", 1032, "Request cancelled by user"],
    ["insufficient", 1, "The balance is insufficient for the transaction."],
    ["wrongPin", 2001, "The initiator information is invalid."],
    ["timeout", 1037, "DS timeout user cannot be reached"],
  ] as const)("%s sends ResultCode %i without metadata", async (action, code, desc) => {
    const { checkoutRequestId } = await startPrompt();
    await setup.emulator.control[action](checkoutRequestId);
    expect(setup.receiver.received[0]?.body).toEqual({
      Body: {
        stkCallback: {
          MerchantRequestID: expect.any(String),
          CheckoutRequestID: checkoutRequestId,
          ResultCode: code,
          ResultDesc: desc,
        },
      },
    });
    expect(setup.emulator.control.ledger().entries[0]).toMatchObject({
      state: "failed",
      resultCode: code,
      receipt: null,
    });
  });

  it("answers 2001 to the configured wrong PIN and pays with any other", async () => {
    await startPrompt();
    expect((await setup.emulator.control.pay(PHONE, "0000")).body.Body.stkCallback.ResultCode).toBe(2001);
    await startPrompt({ Amount: 10 });
    expect((await setup.emulator.control.pay(PHONE, "4321")).body.Body.stkCallback.ResultCode).toBe(0);
  });

  it("fails with any code, strings included", async () => {
    await startPrompt();
    const delivery = await setup.emulator.control.fail("0708374149", "SFC_IC0003");
    expect(delivery.body.Body.stkCallback).toMatchObject({
      ResultCode: "SFC_IC0003",
      ResultDesc: "The operator does not exist.",
    });
  });

  it("refuses to act twice on a prompt, or on a phone without one", async () => {
    const { checkoutRequestId } = await startPrompt();
    await setup.emulator.control.pay(checkoutRequestId);
    await expect(setup.emulator.control.cancel(checkoutRequestId)).rejects.toThrow(/already paid/);
    await expect(setup.emulator.control.cancel(PHONE)).rejects.toThrow(/No open prompt/);
  });

  it("times an unanswered prompt out to 1037", async () => {
    setup.emulator.control.setOptions({ promptTimeoutMs: 150 });
    await startPrompt();
    await sleep(400);
    expect(setup.receiver.received[0]?.body).toMatchObject({ Body: { stkCallback: { ResultCode: 1037 } } });
  });

  it("sends ResultCode 17 for the same amount paid by the same phone within the window", async () => {
    setup.emulator.control.setOptions({ duplicateAmountRule: true });
    await startPrompt();
    await setup.emulator.control.pay(PHONE);
    const { checkoutRequestId } = await startPrompt();
    await sleep(200);
    expect(setup.receiver.received[1]?.body).toMatchObject({
      Body: { stkCallback: { CheckoutRequestID: checkoutRequestId, ResultCode: 17 } },
    });
    setup.emulator.control.setOptions({ duplicateAmountRule: false });
    await startPrompt();
    expect((await setup.emulator.control.pay(PHONE)).body.Body.stkCallback.ResultCode).toBe(0);
  });

  it("records a failed delivery and does not retry it", async () => {
    const closed = await startReceiver();
    await closed.close();
    await startPrompt({ CallBackURL: closed.url });
    const delivery = await setup.emulator.control.pay(PHONE);
    expect(delivery).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED/) });
    await sleep(200);
    expect(setup.emulator.control.deliveries()).toHaveLength(1);
  });
});
