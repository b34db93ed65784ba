import { constants, generateKeyPairSync, privateDecrypt, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  b2cFacts,
  certificateFor,
  createDarajaClient,
  parseInitiatorResult,
  securityCredential,
  transactionFacts,
} from "@/lib/daraja";
import { json, testConfig } from "./fake-daraja";
import { oauthOk } from "./samples";

const initiator = { name: "apiop", securityCredential: "c3VwZXJzZWNyZXQ=", b2cShortcode: "600987" };
const urls = {
  resultUrl: "https://shop.example.com/api/refunds/result/tok123",
  timeoutUrl: "https://shop.example.com/api/refunds/timeout/tok123",
};
const accepted = {
  OriginatorConversationID: "5118-111210482-1",
  ConversationID: "AG_20261205_2010325b025970fbc403",
  ResponseCode: "0",
  ResponseDescription: "Accept the service request successfully.",
};

/** Daraja behind fetch: OAuth answers, every other path goes to `answer`; the bodies sent are kept. */
function fakeInitiatorApi(answer: (path: string) => Response) {
  const seen: { path: string; body: Record<string, unknown> }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    if (path === "/oauth/v1/generate") return json(200, oauthOk);
    seen.push({ path, body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return answer(path);
  };
  return { fetch, seen };
}

describe("SecurityCredential", () => {
  it("is the password RSA-encrypted with PKCS#1 v1.5 padding, base64, readable with the private key", () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const credential = securityCredential("Safaricom999!*!", pem);
    const block = privateDecrypt(
      { key: privateKey, padding: constants.RSA_NO_PADDING },
      Buffer.from(credential, "base64"),
    );
    // PKCS#1 v1.5 type 2: 00 02, at least 8 non-zero padding bytes, 00, then the message.
    expect([block[0], block[1]]).toEqual([0, 2]);
    const separator = block.indexOf(0, 2);
    expect(separator).toBeGreaterThanOrEqual(10);
    expect(block.subarray(separator + 1).toString()).toBe("Safaricom999!*!");
    expect(securityCredential("Safaricom999!*!", pem)).not.toBe(credential);
  });

  it("has a parseable RSA certificate for every environment", () => {
    const names = (["sandbox", "production", "emulator"] as const).map((env) => {
      const cert = new X509Certificate(certificateFor(env));
      expect(cert.publicKey.asymmetricKeyType).toBe("rsa");
      expect(securityCredential("pw", certificateFor(env))).toMatch(/^[A-Za-z0-9+/]{342}==$/);
      return cert.subject;
    });
    expect(names[0]).toContain("CN=apicrypt.safaricom.co.ke");
    expect(names[1]).toContain("CN=apigee.apicaller.safaricom.co.ke");
  });
});

describe("initiator requests", () => {
  const client = (fake: ReturnType<typeof fakeInitiatorApi>) =>
    createDarajaClient(testConfig({ initiator }), { fetch: fake.fetch });

  it("sends a reversal with Daraja's misspelled RecieverIdentifierType and reads the acceptance", async () => {
    const fake = fakeInitiatorApi(() => json(200, accepted));
    const answer = await client(fake).reversal({
      ...urls,
      transactionId: "ukl2qr5jmi",
      amountKes: 1800,
      remarks: "Refund DK-7Q4M2 (out of stock)",
    });
    expect(answer).toEqual({
      outcome: "accepted",
      originatorConversationId: accepted.OriginatorConversationID,
      conversationId: accepted.ConversationID,
    });
    expect(fake.seen).toEqual([
      {
        path: "/mpesa/reversal/v1/request",
        body: {
          Initiator: "apiop",
          SecurityCredential: initiator.securityCredential,
          CommandID: "TransactionReversal",
          TransactionID: "UKL2QR5JMI",
          Amount: 1800,
          ReceiverParty: "174379",
          RecieverIdentifierType: "11",
          ResultURL: urls.resultUrl,
          QueueTimeOutURL: urls.timeoutUrl,
          Remarks: "Refund DK-7Q4M2 out of stock",
          Occasion: "Refund DK-7Q4M2 out of stock",
        },
      },
    ]);
  });

  it("sends B2C BusinessPayment from the B2C shortcode with InitiatorName and our OriginatorConversationID", async () => {
    const fake = fakeInitiatorApi(() => json(200, accepted));
    await client(fake).b2cPayment({
      ...urls,
      originatorConversationId: "duka-rf-abc",
      phone: "0708 374 149",
      amountKes: 300,
      remarks: "Refund DK-7Q4M2",
    });
    expect(fake.seen[0]).toEqual({
      path: "/mpesa/b2c/v3/paymentrequest",
      body: {
        OriginatorConversationID: "duka-rf-abc",
        InitiatorName: "apiop",
        SecurityCredential: initiator.securityCredential,
        CommandID: "BusinessPayment",
        Amount: 300,
        PartyA: "600987",
        PartyB: "254708374149",
        Remarks: "Refund DK-7Q4M2",
        QueueTimeOutURL: urls.timeoutUrl,
        ResultURL: urls.resultUrl,
        Occasion: "Refund DK-7Q4M2",
      },
    });
  });

  it("asks Transaction Status by OriginatorConversationID when the receipt is unknown", async () => {
    const fake = fakeInitiatorApi(() => json(200, accepted));
    await client(fake).transactionStatus({
      ...urls,
      originatorConversationId: "duka-rf-abc",
      remarks: "Lost",
    });
    expect(fake.seen[0]?.path).toBe("/mpesa/transactionstatus/v1/query");
    expect(fake.seen[0]?.body).toMatchObject({
      Initiator: "apiop",
      CommandID: "TransactionStatusQuery",
      OriginatorConversationID: "duka-rf-abc",
      OriginalConversationID: "duka-rf-abc",
      PartyA: "174379",
      IdentifierType: "4",
    });
    expect(fake.seen[0]?.body).not.toHaveProperty("TransactionID");
  });

  it("never sends what Daraja would refuse: a bad amount, phone, receipt or a URL with a filtered word", async () => {
    const fake = fakeInitiatorApi(() => json(200, accepted));
    const c = client(fake);
    const refused = [
      await c.reversal({ ...urls, transactionId: "UKL2QR5JMI", amountKes: 10.5, remarks: "x" }),
      await c.reversal({ ...urls, transactionId: "no such!", amountKes: 10, remarks: "x" }),
      await c.b2cPayment({ ...urls, originatorConversationId: "a", phone: "12", amountKes: 5, remarks: "x" }),
      await c.reversal({
        ...urls,
        resultUrl: "https://shop.example.com/mpesa/result",
        transactionId: "UKL2QR5JMI",
        amountKes: 10,
        remarks: "x",
      }),
    ];
    expect(refused.map((r) => r.outcome === "rejected" && r.error.field)).toEqual([
      "Amount",
      "TransactionID",
      "PartyB",
      "ResultURL",
    ]);
    expect(fake.seen).toEqual([]);
  });

  it("reads Daraja's refusal, a timeout, and a missing initiator", async () => {
    const invalid = fakeInitiatorApi(() =>
      json(400, {
        requestId: "1",
        errorCode: "400.002.02",
        errorMessage: "Bad Request - Invalid RecieverIdentifierType",
      }),
    );
    const refusal = await client(invalid).reversal({
      ...urls,
      transactionId: "UKL2QR5JMI",
      amountKes: 1,
      remarks: "x",
    });
    expect(refusal).toMatchObject({ outcome: "rejected", error: { field: "RecieverIdentifierType" } });

    const slow = fakeInitiatorApi(() => new Promise<Response>(() => {}) as unknown as Response);
    const lost = await createDarajaClient(testConfig({ initiator, timeoutMs: 50 }), {
      fetch: slow.fetch,
    }).b2cPayment({
      ...urls,
      originatorConversationId: "a",
      phone: "254708374149",
      amountKes: 5,
      remarks: "x",
    });
    expect(lost).toMatchObject({ outcome: "unknown", reason: "timeout" });

    const none = await createDarajaClient(testConfig(), { fetch: slow.fetch }).reversal({
      ...urls,
      transactionId: "UKL2QR5JMI",
      amountKes: 1,
      remarks: "x",
    });
    expect(none).toMatchObject({
      outcome: "rejected",
      error: { errorMessage: "No initiator is configured" },
    });
  });
});

describe("initiator results", () => {
  const b2cSuccess = {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: "The service request is processed successfully.",
      OriginatorConversationID: "duka-rf-abc",
      ConversationID: "AG_20261205_00004e48cf7e3533f581",
      TransactionID: "NLJ41HAY6Q",
      ResultParameters: {
        ResultParameter: [
          { Key: "TransactionAmount", Value: 300 },
          { Key: "TransactionReceipt", Value: "NLJ41HAY6Q" },
          { Key: "B2CRecipientIsRegisteredCustomer", Value: "Y" },
          { Key: "B2CChargesPaidAccountAvailableFunds", Value: -4510.0 },
          { Key: "ReceiverPartyPublicName", Value: "254708374149 - John Doe" },
          { Key: "TransactionCompletedDateTime", Value: "05.12.2026 17:31:02" },
          { Key: "B2CUtilityAccountAvailableFunds", Value: 10116.0 },
          { Key: "B2CWorkingAccountAvailableFunds", Value: 900000.0 },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: urls.timeoutUrl } },
    },
  };

  it("reads a B2C success: codes as strings, receipt, amount and EAT completion time", () => {
    const parsed = parseInitiatorResult(b2cSuccess);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.result).toMatchObject({
      resultCode: "0",
      originatorConversationId: "duka-rf-abc",
      transactionId: "NLJ41HAY6Q",
    });
    expect(b2cFacts(parsed.result)).toEqual({
      receipt: "NLJ41HAY6Q",
      amountKes: 300,
      receiverName: "254708374149 - John Doe",
      completedAt: new Date("2026-12-05T14:31:02Z"),
      utilityBalanceKes: 10116,
    });
  });

  it("reads a failure without parameters, and a single ResultParameter given as an object", () => {
    const failed = parseInitiatorResult({
      Result: {
        ResultType: 0,
        ResultCode: 2001,
        ResultDesc: "The initiator information is invalid.",
        OriginatorConversationID: "29112-34801843-1",
        ConversationID: "AG_20191219_00006c6fddb15123addf",
        TransactionID: "NLJ0000000",
        ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: urls.timeoutUrl } },
      },
    });
    expect(failed.ok && failed.result).toMatchObject({ resultCode: "2001", parameters: {} });
    const single = parseInitiatorResult({
      Result: {
        ResultCode: "0",
        ConversationID: "AG_1",
        ResultParameters: { ResultParameter: { Key: "Amount", Value: "1800.00" } },
      },
    });
    expect(single.ok && single.result.parameters).toEqual({ Amount: "1800.00" });
  });

  it("reads what a Transaction Status result says about the looked-up payment", () => {
    const parsed = parseInitiatorResult({
      Result: {
        ResultType: 0,
        ResultCode: 0,
        ResultDesc: "The service request has been accepted successfully.",
        OriginatorConversationID: "10816-694520-2",
        ConversationID: "AG_20261205_000049c3b3b1d33f5d32",
        TransactionID: "NLJ0000000",
        ResultParameters: {
          ResultParameter: [
            { Key: "DebitPartyName", Value: "254708374149 - John Doe" },
            { Key: "CreditPartyName", Value: "174379 - Duka Shop" },
            { Key: "OriginatorConversationID", Value: "" },
            { Key: "InitiatedTime", Value: 20261205173102 },
            { Key: "Originator Conversation ID", Value: "duka-rf-abc" },
            { Key: "FinalisedTime", Value: 20261205173103 },
            { Key: "Amount", Value: 1800 },
            { Key: "ReceiptNo", Value: "ukl2qr5jmi" },
            { Key: "TransactionStatus", Value: "Completed" },
          ],
        },
      },
    });
    expect(parsed.ok && transactionFacts(parsed.result)).toEqual({
      receipt: "UKL2QR5JMI",
      amountKes: 1800,
      status: "Completed",
      debitPartyName: "254708374149 - John Doe",
      payerPhone: "254708374149",
      creditPartyName: "174379 - Duka Shop",
      originatorConversationId: "duka-rf-abc",
      finalisedAt: new Date("2026-12-05T14:31:03Z"),
    });
  });

  it("reads no paying phone from a masked DebitPartyName", () => {
    const parsed = parseInitiatorResult({
      Result: {
        ResultType: 0,
        ResultCode: 0,
        ResultDesc: "The service request has been accepted successfully.",
        OriginatorConversationID: "10816-694520-3",
        ConversationID: "AG_20261205_000049c3b3b1d33f5d33",
        TransactionID: "NLJ0000000",
        ResultParameters: { ResultParameter: { Key: "DebitPartyName", Value: "2547 ***** 149 - JOHN" } },
      },
    });
    expect(parsed.ok && transactionFacts(parsed.result).payerPhone).toBeNull();
  });

  it("refuses bodies that say nothing usable, without throwing", () => {
    for (const body of [null, "x", {}, { Result: {} }, { Result: { ResultCode: 0 } }]) {
      expect(parseInitiatorResult(body).ok).toBe(false);
    }
  });
});
