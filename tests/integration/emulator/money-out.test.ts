import { describe, expect, it } from "vitest";
import { certificateFor, securityCredential } from "@/lib/daraja";
import { PHONE, postJson, SHORTCODE, waitUntil, withEmulator } from "./helpers";

const INITIATOR = "duka-emulator-initiator";
const credential = (password = "Duka-Emulator-Initiator-1!") =>
  securityCredential(password, certificateFor("emulator"));

describe("emulator: Reversal, B2C and Transaction Status (docs/daraja.md 8)", () => {
  const setup = withEmulator({ smtpPort: null });
  const resultUrl = () => setup.receiver.url.replace("callback", "refund-result");
  const timeoutUrl = () => setup.receiver.url.replace("callback", "refund-timeout");
  const results = () =>
    setup.receiver.received.map((r) => ({
      path: r.path,
      body: r.body as { Result: Record<string, unknown> },
    }));

  async function paidByHand(amount: number): Promise<string> {
    const payment = await setup.emulator.control.payBill(SHORTCODE, "DK7Q4M2X", amount, PHONE);
    return payment.transId;
  }

  const reversal = (overrides: Record<string, unknown>) =>
    postJson(`${setup.emulator.url}/mpesa/reversal/v1/request`, setup.token, {
      Initiator: INITIATOR,
      SecurityCredential: credential(),
      CommandID: "TransactionReversal",
      Amount: 1800,
      ReceiverParty: SHORTCODE,
      RecieverIdentifierType: "11",
      ResultURL: resultUrl(),
      QueueTimeOutURL: timeoutUrl(),
      Remarks: "Refund DK-7Q4M2",
      Occasion: "Refund",
      ...overrides,
    });

  const b2c = (overrides: Record<string, unknown> = {}) =>
    postJson(`${setup.emulator.url}/mpesa/b2c/v3/paymentrequest`, setup.token, {
      OriginatorConversationID: `duka-${Math.random()}`,
      InitiatorName: INITIATOR,
      SecurityCredential: credential(),
      CommandID: "BusinessPayment",
      Amount: 300,
      PartyA: SHORTCODE,
      PartyB: PHONE,
      Remarks: "Refund DK-7Q4M2",
      QueueTimeOutURL: timeoutUrl(),
      ResultURL: resultUrl(),
      Occasion: "Refund",
      ...overrides,
    });

  const status = (lookup: Record<string, unknown>) =>
    postJson(`${setup.emulator.url}/mpesa/transactionstatus/v1/query`, setup.token, {
      Initiator: INITIATOR,
      SecurityCredential: credential(),
      CommandID: "TransactionStatusQuery",
      PartyA: SHORTCODE,
      IdentifierType: "4",
      ResultURL: resultUrl(),
      QueueTimeOutURL: timeoutUrl(),
      Remarks: "Look up",
      Occasion: "",
      ...lookup,
    });

  it("reverses a payment once, for its exact amount, and the payer's phone shows the money back", async () => {
    const receipt = await paidByHand(1800);
    const first = await reversal({ TransactionID: receipt });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ResponseCode: "0", ConversationID: expect.stringMatching(/^AG_/) });
    await waitUntil(() => results().length === 1);
    expect(results()[0]?.path).toBe("/api/payments/refund-result/secret-token");
    expect(results()[0]?.body.Result).toMatchObject({
      ResultCode: 0,
      OriginatorConversationID: first.body.OriginatorConversationID,
      ConversationID: first.body.ConversationID,
    });

    await reversal({ TransactionID: receipt });
    await reversal({ TransactionID: await paidByHand(500) });
    await waitUntil(() => results().length === 3);
    const refusals = results()
      .slice(1)
      .map((r) => r.body.Result.ResultCode)
      .sort();
    expect(refusals).toEqual(["R000001", "R000002"]);
    const listing = setup.emulator.control.moneyOut();
    expect(listing).toEqual([
      {
        api: "reversal",
        transactionId: receipt,
        amount: 1800,
        originatorConversationId: first.body.OriginatorConversationID,
        resultCode: "0",
      },
      expect.objectContaining({ api: "reversal", transactionId: receipt, resultCode: "R000001" }),
      expect.objectContaining({ api: "reversal", amount: 1800, resultCode: "R000002" }),
    ]);
    const received = await fetch(`${setup.emulator.url}/__control/money-out/received?phone=${PHONE}`).then(
      (r) => r.json() as Promise<{ resultCode: string; amount: number }[]>,
    );
    expect(received.filter((r) => r.resultCode === "0").map((r) => r.amount)).toEqual([1800]);
  });

  it("refuses the correct spelling of RecieverIdentifierType, as Daraja does", async () => {
    const receipt = await paidByHand(1800);
    const answer = await reversal({
      TransactionID: receipt,
      RecieverIdentifierType: undefined,
      ReceiverIdentifierType: "11",
    });
    expect(answer).toMatchObject({
      status: 400,
      body: { errorCode: "400.002.02", errorMessage: "Bad Request - Invalid RecieverIdentifierType" },
    });
    expect(setup.emulator.control.moneyOut()).toEqual([]);
  });

  it("accepts a wrong credential, then answers 2001 in the Result and moves no money", async () => {
    const receipt = await paidByHand(1800);
    const answer = await reversal({
      TransactionID: receipt,
      SecurityCredential: credential("wrong password"),
    });
    expect(answer.status).toBe(200);
    await waitUntil(() => results().length === 1);
    expect(results()[0]?.body.Result).toMatchObject({
      ResultCode: 2001,
      ResultDesc: "The initiator information is invalid.",
    });
    await reversal({ TransactionID: receipt });
    await waitUntil(() => results().length === 2);
    expect(results()[1]?.body.Result.ResultCode).toBe(0);
  });

  it("pays B2C from a utility balance that runs out, and needs InitiatorName (not Initiator)", async () => {
    await fetch(`${setup.emulator.url}/__control/b2c-balance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount: 500 }),
    });
    const paid = await b2c({ OriginatorConversationID: "duka-rf-1" });
    expect(paid.body).toMatchObject({ OriginatorConversationID: "duka-rf-1", ResponseCode: "0" });
    await b2c({ OriginatorConversationID: "duka-rf-2" });
    await waitUntil(() => results().length === 2);
    const [first, second] = results().map((r) => r.body.Result);
    expect(first).toMatchObject({ ResultCode: 0, OriginatorConversationID: "duka-rf-1" });
    const parameters = (first?.ResultParameters as { ResultParameter: { Key: string; Value: unknown }[] })
      .ResultParameter;
    expect(Object.fromEntries(parameters.map((p) => [p.Key, p.Value]))).toMatchObject({
      TransactionAmount: 300,
      B2CUtilityAccountAvailableFunds: 200,
      ReceiverPartyPublicName: `${PHONE} - JOHN`,
    });
    expect(second).toMatchObject({ ResultCode: 1, OriginatorConversationID: "duka-rf-2" });
    const listed = await fetch(`${setup.emulator.url}/__control/money-out`).then((r) => r.json());
    expect(listed).toEqual([
      { api: "b2c", amount: 300, partyB: PHONE, originatorConversationId: "duka-rf-1", resultCode: "0" },
      { api: "b2c", amount: 300, partyB: PHONE, originatorConversationId: "duka-rf-2", resultCode: "1" },
    ]);

    const wrongName = await b2c({ InitiatorName: undefined, Initiator: INITIATOR });
    expect(wrongName).toMatchObject({
      status: 400,
      body: { errorMessage: "Bad Request - Invalid InitiatorName" },
    });
  });

  it("fails, delays, duplicates, drops or queue-times-out the next result on request", async () => {
    setup.emulator.control.failNextResult("2040", "Receiver is not a registered customer");
    await b2c({ OriginatorConversationID: "duka-fail" });
    await waitUntil(() => results().length === 1);
    expect(results()[0]?.body.Result).toMatchObject({
      ResultCode: 2040,
      ResultDesc: "Receiver is not a registered customer",
    });

    setup.emulator.control.fault({ target: "result", kind: "duplicate" });
    await b2c({ OriginatorConversationID: "duka-twice" });
    await waitUntil(() => results().length === 3);

    setup.emulator.control.fault({ target: "result", kind: "queueTimeout" });
    await b2c({ OriginatorConversationID: "duka-queue" });
    await waitUntil(() => results().length === 4);
    expect(results()[3]?.path).toBe("/api/payments/refund-timeout/secret-token");

    setup.emulator.control.fault({ target: "result", kind: "drop" });
    setup.emulator.control.fault({ target: "result", kind: "delay", delayMs: 200, count: 1 });
    await b2c({ OriginatorConversationID: "duka-lost" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(results()).toHaveLength(4);
    expect(setup.emulator.control.moneyOut().map((m) => m.resultCode)).toEqual(["2040", "0", "0", "0"]);
  });

  it("answers Transaction Status for a payment in (by receipt) and for our own B2C (by OriginatorConversationID)", async () => {
    const receipt = await paidByHand(1800);
    await status({ TransactionID: receipt });
    await waitUntil(() => results().length === 1);
    await b2c({ OriginatorConversationID: "duka-lookup", Amount: 250 });
    await waitUntil(() => results().length === 2);
    await status({ OriginatorConversationID: "duka-lookup" });
    await waitUntil(() => results().length === 3);
    await status({ TransactionID: "NOSUCH0000" });
    await waitUntil(() => results().length === 4);
    const byKey = (r: Record<string, unknown>) =>
      Object.fromEntries(
        (
          (r.ResultParameters as { ResultParameter: { Key: string; Value: unknown }[] } | undefined)
            ?.ResultParameter ?? []
        ).map((p) => [p.Key, p.Value]),
      );
    const [paymentIn, , ours, unknown] = results().map((r) => r.body.Result);
    expect(paymentIn?.ResultCode).toBe(0);
    expect(byKey(paymentIn!)).toMatchObject({
      ReceiptNo: receipt,
      Amount: 1800,
      TransactionStatus: "Completed",
      CreditPartyName: `${SHORTCODE} - Duka`,
    });
    expect(byKey(ours!)).toMatchObject({
      Amount: 250,
      TransactionStatus: "Completed",
      "Originator Conversation ID": "duka-lookup",
    });
    expect(unknown?.ResultCode).toBe("R000002");
  });
});
