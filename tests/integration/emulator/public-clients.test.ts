// The emulator as public Daraja SDKs call it (docs/daraja.md 9): the older B2C path and Account Balance, with
// the field types those SDKs send (amounts and shortcodes as strings or numbers).
import { describe, expect, it } from "vitest";
import { certificateFor, securityCredential } from "@/lib/daraja";
import { PHONE, postJson, SHORTCODE, waitUntil, withEmulator } from "./helpers";

const INITIATOR = "duka-emulator-initiator";
const credential = (password = "Duka-Emulator-Initiator-1!") =>
  securityCredential(password, certificateFor("emulator"));

type Result = Record<string, unknown> & {
  ResultParameters?: { ResultParameter: { Key: string; Value: unknown }[] };
};
const parametersOf = (result: Result | undefined) =>
  Object.fromEntries((result?.ResultParameters?.ResultParameter ?? []).map((p) => [p.Key, p.Value]));

describe("emulator: what public Daraja clients call", () => {
  const setup = withEmulator({ smtpPort: null });
  const resultUrl = () => setup.receiver.url.replace("callback", "b2c-result");
  const timeoutUrl = () => setup.receiver.url.replace("callback", "b2c-timeout");
  const results = () => setup.receiver.received.map((r) => (r.body as { Result: Result }).Result);

  // Safaricom's own mpesa-node-library: v1 path, no OriginatorConversationID, Amount as a string.
  const b2cV1 = (overrides: Record<string, unknown> = {}, version = "v1") =>
    postJson(`${setup.emulator.url}/mpesa/b2c/${version}/paymentrequest`, setup.token, {
      InitiatorName: INITIATOR,
      SecurityCredential: credential(),
      CommandID: "BusinessPayment",
      Amount: "300",
      PartyA: SHORTCODE,
      PartyB: PHONE,
      Remarks: "B2C Payment",
      QueueTimeOutURL: timeoutUrl(),
      ResultURL: resultUrl(),
      ...overrides,
    });

  // As the Rust, Python and Node SDKs send it: PartyA and IdentifierType may be numbers.
  const balance = (overrides: Record<string, unknown> = {}) =>
    postJson(`${setup.emulator.url}/mpesa/accountbalance/v1/query`, setup.token, {
      Initiator: INITIATOR,
      SecurityCredential: credential(),
      CommandID: "AccountBalance",
      PartyA: Number(SHORTCODE),
      IdentifierType: 4,
      Remarks: "Checking account balance",
      QueueTimeOutURL: timeoutUrl(),
      ResultURL: resultUrl(),
      ...overrides,
    });

  it("pays B2C on the v1 path without an OriginatorConversationID, and makes one up as Daraja does", async () => {
    const answer = await b2cV1();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      OriginatorConversationID: expect.stringMatching(/\S/),
      ConversationID: expect.stringMatching(/^AG_/),
      ResponseCode: "0",
    });
    await waitUntil(() => results().length === 1);
    expect(results()[0]).toMatchObject({
      ResultCode: 0,
      OriginatorConversationID: answer.body.OriginatorConversationID,
      ConversationID: answer.body.ConversationID,
    });
    expect(parametersOf(results()[0])).toMatchObject({ TransactionAmount: 300 });
    expect(setup.emulator.control.moneyOut()).toEqual([
      expect.objectContaining({ api: "b2c", amount: 300, partyB: PHONE, resultCode: "0" }),
    ]);

    // v3 still wants the caller's own id, and v1 still checks every other field.
    const v3 = await b2cV1({}, "v3");
    expect(v3.body).toMatchObject({ errorMessage: "Bad Request - Invalid OriginatorConversationID" });
    const noPhone = await b2cV1({ PartyB: "0708374149" });
    expect(noPhone).toMatchObject({ status: 400, body: { errorMessage: "Bad Request - Invalid PartyB" } });
    expect(setup.emulator.control.moneyOut()).toHaveLength(1);
  });

  it("answers Account Balance with the shortcode's balances in Daraja's pipe-separated form", async () => {
    await setup.emulator.control.payBill(SHORTCODE, "DK7Q4M2X", 1800, PHONE);
    await b2cV1({ Amount: 250 });
    await waitUntil(() => results().length === 1);

    const answer = await balance();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ResponseCode: "0", ConversationID: expect.stringMatching(/^AG_/) });
    await waitUntil(() => results().length === 2);
    const result = results()[1];
    expect(result).toMatchObject({
      ResultCode: 0,
      OriginatorConversationID: answer.body.OriginatorConversationID,
      TransactionID: expect.stringMatching(/^[A-Z0-9]{3}0000000$/),
    });
    const parameters = parametersOf(result);
    const accounts = String(parameters.AccountBalance).split("&");
    expect(accounts).toContain("Working Account|KES|1800.00|1800.00|0.00|0.00");
    expect(accounts).toContain("Utility Account|KES|99750.00|99750.00|0.00|0.00");
    expect(
      accounts.every((a) => /^[A-Za-z ]+\|KES\|-?\d+\.\d\d\|-?\d+\.\d\d\|\d+\.\d\d\|\d+\.\d\d$/.test(a)),
    ).toBe(true);
    expect(String(parameters.BOCompletedTime)).toMatch(/^20\d{12}$/);
    expect(typeof parameters.BOCompletedTime).toBe("number");
  });

  it("checks Account Balance's fields and initiator like the other initiator APIs", async () => {
    const noType = await balance({ IdentifierType: undefined });
    expect(noType).toMatchObject({
      status: 400,
      body: { errorCode: "400.002.02", errorMessage: "Bad Request - Invalid IdentifierType" },
    });
    const wrongCommand = await balance({ CommandID: "TransactionStatusQuery" });
    expect(wrongCommand.body).toMatchObject({ errorMessage: "Bad Request - Invalid CommandID" });
    const noToken = await postJson(`${setup.emulator.url}/mpesa/accountbalance/v1/query`, "nope", {});
    expect(noToken).toMatchObject({ status: 404, body: { errorCode: "404.001.03" } });

    const wrongPassword = await balance({ SecurityCredential: credential("wrong password") });
    expect(wrongPassword.status).toBe(200);
    await waitUntil(() => results().length === 1);
    expect(results()[0]).toMatchObject({ ResultCode: 2001 });
    expect(results()[0]?.ResultParameters).toBeUndefined();
  });

  it("finds a payment by its receipt when Transaction Status also carries an OriginatorConversationID of the caller's", async () => {
    const payment = await setup.emulator.control.payBill(SHORTCODE, "DK7Q4M2X", 1800, PHONE);
    // As Python and Java SDKs send it: both lookups, the second one an id the SDK made up.
    const answer = await postJson(`${setup.emulator.url}/mpesa/transactionstatus/v1/query`, setup.token, {
      Initiator: INITIATOR,
      SecurityCredential: credential(),
      CommandID: "TransactionStatusQuery",
      TransactionID: payment.transId,
      OriginatorConversationID: "sdk-made-up-7f3a",
      PartyA: Number(SHORTCODE),
      IdentifierType: 4,
      ResultURL: resultUrl(),
      QueueTimeOutURL: timeoutUrl(),
      Remarks: "OK",
      Occasion: "OK",
    });
    expect(answer.status).toBe(200);
    await waitUntil(() => results().length === 1);
    expect(results()[0]).toMatchObject({ ResultCode: 0 });
    expect(parametersOf(results()[0])).toMatchObject({
      ReceiptNo: payment.transId,
      TransactionStatus: "Completed",
      Amount: 1800,
    });
  });

  it("looks our B2C up by OriginalConversationID, the spelling other SDKs send for Transaction Status", async () => {
    const sent = await b2cV1({ OriginatorConversationID: "shop-payout-81" }, "v3");
    expect(sent.body).toMatchObject({ ResponseCode: "0", OriginatorConversationID: "shop-payout-81" });
    await waitUntil(() => results().length === 1);

    const answer = await postJson(`${setup.emulator.url}/mpesa/transactionstatus/v1/query`, setup.token, {
      Initiator: INITIATOR,
      SecurityCredential: credential(),
      CommandID: "TransactionStatusQuery",
      OriginalConversationID: "shop-payout-81",
      PartyA: SHORTCODE,
      IdentifierType: "4",
      ResultURL: resultUrl(),
      QueueTimeOutURL: timeoutUrl(),
      Remarks: "Transaction status",
    });
    expect(answer.status).toBe(200);
    await waitUntil(() => results().length === 2);
    expect(results()[1]).toMatchObject({ ResultCode: 0 });
    expect(parametersOf(results()[1])).toMatchObject({
      "Originator Conversation ID": "shop-payout-81",
      TransactionStatus: "Completed",
      Amount: 300,
    });
  });
});
