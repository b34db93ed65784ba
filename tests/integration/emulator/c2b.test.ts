import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootEmulator, getToken, PHONE, postJson, SHORTCODE, waitUntil } from "./helpers";
import type { EmulatorHandle } from "@/emulator";

type Posted = { path: string; body: Record<string, unknown> };

/** Our C2B URLs as M-Pesa sees them; validation answers with `validation` (or never, for "hang"). */
async function startC2bReceiver() {
  const received: Posted[] = [];
  const state = { validation: '{"ResultCode":"0","ResultDesc":"Accepted"}' as string | "hang" };
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(text) as Record<string, unknown> });
      if (req.url?.endsWith("/validate") && state.validation === "hang") return;
      const answer = req.url?.endsWith("/validate")
        ? state.validation
        : '{"ResultCode":0,"ResultDesc":"Accepted"}';
      res.writeHead(200, { "content-type": "application/json" }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/paybill/abc123`;
  return {
    base,
    received,
    state,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("emulator C2B (Pay Bill / Buy Goods)", () => {
  let emulator: EmulatorHandle;
  let receiver: Awaited<ReturnType<typeof startC2bReceiver>>;
  let token: string;
  const register = (body: Record<string, unknown>, version = "v2") =>
    postJson(`${emulator.url}/mpesa/c2b/${version}/registerurl`, token, {
      ShortCode: SHORTCODE,
      ResponseType: "Completed",
      ConfirmationURL: `${receiver.base}/confirm`,
      ValidationURL: `${receiver.base}/validate`,
      ...body,
    });

  beforeAll(async () => {
    emulator = await bootEmulator({ c2bValidationTimeoutMs: 300 });
    receiver = await startC2bReceiver();
    token = await getToken(emulator.url);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.close();
  });

  it("registers URLs on the v1 and v2 paths with Daraja's success body", async () => {
    for (const version of ["v1", "v2"]) {
      const answer = await register({}, version);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ ResponseCode: "0", ResponseDescription: "Success" });
      expect(answer.body.OriginatorCoversationID).toEqual(expect.any(String));
    }
    expect(emulator.control.c2bRegistrations()).toEqual([
      expect.objectContaining({ shortcode: SHORTCODE, version: "v2", responseType: "Completed" }),
    ]);
  });

  it("refuses a bad ShortCode, ResponseType or URL, and a missing token, with Daraja's errors", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ShortCode: "12" }, "Bad Request - Invalid ShortCode"],
      [{ ResponseType: "Done" }, "Bad Request - Invalid ResponseType"],
      [{ ConfirmationURL: "not a url" }, "Bad Request - Invalid ConfirmationURL"],
      [{ ValidationURL: "https://shop.example/mpesa/validate" }, "Bad Request - Invalid ValidationURL"],
    ];
    for (const [override, message] of cases) {
      const answer = await register(override);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ errorCode: "400.002.02", errorMessage: message });
    }
    const noToken = await postJson(`${emulator.url}/mpesa/c2b/v2/registerurl`, "wrong", {});
    expect(noToken.status).toBe(404);
    emulator.control.setOptions({ c2bRegisterOnce: true });
    const twice = await register({});
    emulator.control.setOptions({ c2bRegisterOnce: false });
    expect(twice.body).toMatchObject({
      errorCode: "500.003.1001",
      errorMessage: "Urls are already registered",
    });
  });

  it("simulate validates first, then POSTs the confirmation in Daraja's shape", async () => {
    await register({});
    receiver.received.length = 0;
    const answer = await postJson(`${emulator.url}/mpesa/c2b/v1/simulate`, token, {
      ShortCode: SHORTCODE,
      CommandID: "CustomerPayBillOnline",
      Amount: "1800",
      Msisdn: PHONE,
      BillRefNumber: "dk 7q4m2x",
    });
    expect(answer.body).toMatchObject({
      ResponseCode: "0",
      ResponseDescription: "Accept the service request successfully.",
    });
    await waitUntil(() => receiver.received.length === 2);
    const [validation, confirmation] = receiver.received;
    expect(validation!.path).toMatch(/\/validate$/);
    expect(validation!.body.OrgAccountBalance).toBe("");
    expect(confirmation!.path).toMatch(/\/confirm$/);
    expect(confirmation!.body).toEqual({
      TransactionType: "Pay Bill",
      TransID: expect.stringMatching(/^[A-Z][A-Z0-9]{9}$/),
      TransTime: expect.stringMatching(/^\d{14}$/),
      TransAmount: "1800.00",
      BusinessShortCode: SHORTCODE,
      BillRefNumber: "dk 7q4m2x",
      InvoiceNumber: "",
      OrgAccountBalance: expect.stringMatching(/^\d+\.00$/),
      ThirdPartyTransID: "",
      MSISDN: "2547 ***** 149",
      FirstName: "JOHN",
      MiddleName: "",
      LastName: "",
    });
  });

  it("echoes the ThirdPartyTransID the validation answered with in the confirmation", async () => {
    await register({});
    receiver.received.length = 0;
    receiver.state.validation =
      '{"ResultCode":"0","ResultDesc":"Accepted","ThirdPartyTransID":"DUKA-7Q4M2X"}';
    try {
      const transaction = await emulator.control.payBill(SHORTCODE, "dk7q4m2x", 500, PHONE);
      expect(transaction.outcome).toBe("completed");
    } finally {
      receiver.state.validation = '{"ResultCode":"0","ResultDesc":"Accepted"}';
    }
    const [validation, confirmation] = receiver.received;
    expect(validation!.body.ThirdPartyTransID).toBe("");
    expect(confirmation!.body.ThirdPartyTransID).toBe("DUKA-7Q4M2X");
  });

  it("a validation rejection stops the payment: no confirmation, no money", async () => {
    await register({});
    receiver.received.length = 0;
    receiver.state.validation = '{"ResultCode":"C2B00012","ResultDesc":"Rejected"}';
    const transaction = await emulator.control.payBill(SHORTCODE, "nope", 100, PHONE);
    receiver.state.validation = '{"ResultCode":"0","ResultDesc":"Accepted"}';
    expect(transaction).toMatchObject({ outcome: "refused", refusal: "C2B00012", confirmation: null });
    expect(receiver.received.map((r) => r.path.split("/").at(-1))).toEqual(["validate"]);
  });

  it("an unanswered validation falls back to ResponseType: Completed pays, Cancelled refuses", async () => {
    receiver.state.validation = "hang";
    try {
      await register({ ResponseType: "Completed" });
      const completed = await emulator.control.payBill(SHORTCODE, "A1", 100, PHONE);
      expect(completed).toMatchObject({ outcome: "completed", validation: { error: "timeout" } });
      expect(completed.confirmation?.status).toBe(200);
      await register({ ResponseType: "Cancelled" });
      const cancelled = await emulator.control.payBill(SHORTCODE, "A1", 100, PHONE);
      expect(cancelled).toMatchObject({ outcome: "refused", refusal: "no answer (ResponseType Cancelled)" });
    } finally {
      receiver.state.validation = '{"ResultCode":"0","ResultDesc":"Accepted"}';
      await register({});
    }
  });

  it("Buy Goods to a till reports to its store's URLs, with no account number; hashed MSISDN on request", async () => {
    await register({});
    emulator.control.setOptions({
      tills: { "5555555": SHORTCODE },
      c2bMsisdn: "hashed",
      c2bValidation: false,
    });
    const transaction = await emulator.control.buyGoods("5555555", 640, PHONE);
    emulator.control.setOptions({ c2bMsisdn: "masked", c2bValidation: true });
    expect(transaction.body).toMatchObject({
      TransactionType: "Buy Goods",
      BillRefNumber: "",
      BusinessShortCode: SHORTCODE,
      MSISDN: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(transaction.outcome).toBe("completed");
  });

  it("the control API pays by Pay Bill like the CLI does, and a wrong PIN makes no payment", async () => {
    await register({});
    const paid = await fetch(`${emulator.url}/__control/paybill`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ business: SHORTCODE, account: "DK7Q4M2X", amount: 50, phone: "0708374149" }),
    });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ outcome: "completed", amount: 50, phone: PHONE });
    const wrongPin = await fetch(`${emulator.url}/__control/paybill`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        business: SHORTCODE,
        account: "DK7Q4M2X",
        amount: 50,
        phone: PHONE,
        pin: "0000",
      }),
    });
    expect(wrongPin.status).toBe(400);
    const listed = (await (await fetch(`${emulator.url}/__control/c2b`)).json()) as unknown[];
    expect(listed.length).toBeGreaterThan(0);
  });

  it("a payment to a number with no registered URLs moves money but tells nobody", async () => {
    const transaction = await emulator.control.payBill("600999", "X", 10, PHONE);
    expect(transaction).toMatchObject({ outcome: "unregistered", confirmation: null, validation: null });
  });
});
