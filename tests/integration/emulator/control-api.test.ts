import { afterEach, describe, expect, it } from "vitest";
import {
  bootEmulator,
  getToken,
  PHONE,
  push,
  pushBody,
  startReceiver,
  waitUntil,
  withEmulator,
} from "./helpers";

describe("emulator control API over HTTP", () => {
  const setup = withEmulator({ duplicateAmountRule: false });
  afterEach(() => control("POST", "/reset"));

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${setup.emulator.url}/__control${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
  }
  const send = (overrides: Record<string, unknown> = {}) =>
    push(setup.emulator.url, setup.token, pushBody(setup.receiver.url, overrides));

  it("pays by phone and answers with the delivery record", async () => {
    await send();
    const answer = await control("POST", "/pay", { target: PHONE, pin: "1234" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 200,
      url: setup.receiver.url,
      latencyMs: expect.any(Number),
    });
    expect(setup.receiver.received).toHaveLength(1);
  });

  it.each([
    ["/cancel", {}, 1032],
    ["/insufficient", {}, 1],
    ["/wrong-pin", {}, 2001],
    ["/timeout", {}, 1037],
    ["/fail", { code: 8006 }, 8006],
  ])("%s answers its ResultCode", async (path, extra, code) => {
    const pushed = await send();
    const answer = await control("POST", path, { target: pushed.body.CheckoutRequestID, ...extra });
    expect(answer.body).toMatchObject({ body: { Body: { stkCallback: { ResultCode: code } } } });
  });

  it("answers 404 and 400 with a JSON error", async () => {
    expect(await control("POST", "/pay", { target: PHONE })).toMatchObject({
      status: 404,
      body: { error: expect.any(String) },
    });
    expect((await control("POST", "/pay", {})).status).toBe(400);
    expect((await control("POST", "/rules", { phone: PHONE, outcome: "explode" })).status).toBe(400);
    expect((await control("GET", "/nothing")).status).toBe(404);
  });

  it("sets rules, auto-pay, faults and options", async () => {
    expect(
      (await control("POST", "/rules", { phone: "254700000009", outcome: "fail:1", delayMs: 10 })).body,
    ).toEqual({
      "254700000009": { outcome: "fail:1", delayMs: 10 },
    });
    await send({ PhoneNumber: "254700000009", PartyA: "254700000009" });
    await waitUntil(() => setup.receiver.received.length === 1);
    await control("DELETE", "/rules");
    expect((await control("GET", "/rules")).body).toEqual({});

    await control("POST", "/auto-pay", { ms: 0 });
    await send();
    await waitUntil(() => setup.receiver.received.length === 2);

    expect((await control("POST", "/faults", { target: "push", kind: "error" })).body).toMatchObject({
      id: 1,
      remaining: 1,
    });
    expect((await send({ Amount: 7 })).status).toBe(500);
    expect((await control("POST", "/options", { businessName: "DUKA" })).body).toMatchObject({
      businessName: "DUKA",
    });
    expect((await control("POST", "/options", { port: 1 })).status).toBe(400);
  });

  it("lists open prompts, the ledger with totals, the call log and deliveries", async () => {
    const paid = await send();
    await control("POST", "/pay", { target: PHONE });
    const open = await send({ PhoneNumber: "254711000009", PartyA: "254711000009", Amount: 40 });
    await send({ Amount: 0 });

    const prompts = await control("GET", "/prompts?phone=0711000009");
    expect(prompts.body).toMatchObject([
      { checkoutRequestId: open.body.CheckoutRequestID, state: "open", amount: 40 },
    ]);
    const ledger = await control("GET", "/ledger");
    expect(ledger.body).toMatchObject({
      totals: { count: 2, openCount: 1, paidCount: 1, paidAmount: 1250, failedCount: 0 },
    });
    expect((ledger.body as unknown as { entries: Record<string, unknown>[] }).entries[0]).toMatchObject({
      checkoutRequestId: paid.body.CheckoutRequestID,
      merchantRequestId: paid.body.MerchantRequestID,
      phone: PHONE,
      amount: 1250,
      accountReference: "DUKA-1042",
      callbackUrl: setup.receiver.url,
      state: "paid",
      resultCode: 0,
      receipt: expect.stringMatching(/^[A-Z0-9]{10}$/),
      createdAt: expect.any(String),
      completedAt: expect.any(String),
    });
    const log = (await control("GET", "/log")).body;
    expect(log).toHaveLength(3);
    expect(log[2]).toMatchObject({
      method: "POST",
      path: "/mpesa/stkpush/v1/processrequest",
      status: 400,
      errorCode: "400.002.02",
      checkoutRequestId: null,
      fault: null,
      time: expect.any(String),
    });
    expect((await control("GET", "/deliveries")).body).toHaveLength(1);
  });

  it("expires tokens", async () => {
    const fresh = await getToken(setup.emulator.url);
    await control("POST", "/expire-tokens");
    expect((await push(setup.emulator.url, fresh, pushBody(setup.receiver.url))).status).toBe(404);
    setup.token = await getToken(setup.emulator.url);
  });

  it("answers unknown Daraja paths with a JSON 404", async () => {
    const response = await fetch(`${setup.emulator.url}/mpesa/b2b/v1/paymentrequest`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errorCode: "404.001.01" });
  });
});

describe("emulator phone page", () => {
  it("serves a plain HTML page with the labelled controls the browser tests use", async () => {
    const emulator = await bootEmulator();
    try {
      const response = await fetch(`${emulator.url}/phone`);
      expect(response.headers.get("content-type")).toContain("text/html");
      const html = await response.text();
      expect(html).toContain('<label for="phone">Phone number</label>');
      for (const name of ['"Pay"', '"Wrong PIN"', '"Cancel"', '"Insufficient funds"', '"Ignore"'])
        expect(html).toContain(name);
      expect(html).not.toContain("/*SCRIPT*/");
      expect(html).not.toContain("/*STYLE*/");
    } finally {
      await emulator.stop();
    }
  });

  it("hides an ignored prompt's buttons but lets it time out", async () => {
    const emulator = await bootEmulator({ promptTimeoutMs: 200 });
    const receiver = await startReceiver();
    try {
      await push(emulator.url, await getToken(emulator.url), pushBody(receiver.url));
      expect(emulator.control.ignore(PHONE)).toMatchObject({ ignored: true, state: "open" });
      await waitUntil(() => receiver.received.length === 1);
      expect(emulator.control.ledger().entries[0]).toMatchObject({ state: "failed", resultCode: 1037 });
    } finally {
      await emulator.stop();
      await receiver.close();
    }
  });

  it("refuses what any web page could send: text/plain bodies and foreign Origins", async () => {
    const emulator = await bootEmulator();
    const receiver = await startReceiver();
    try {
      await push(emulator.url, await getToken(emulator.url), pushBody(receiver.url));
      const url = `${emulator.url}/__control/pay`;
      const body = JSON.stringify({ target: PHONE });
      const plain = await fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body });
      expect(plain.status).toBe(415);
      const foreign = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://evil.example" },
        body,
      });
      expect(foreign.status).toBe(403);
      expect(emulator.control.prompts(PHONE)).toHaveLength(1);
      // The emulator's own phone page is same-origin.
      const own = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", origin: emulator.url },
        body,
      });
      expect(own.status).toBe(200);
      await waitUntil(() => receiver.received.length === 1);
    } finally {
      await emulator.stop();
      await receiver.close();
    }
  });
});
