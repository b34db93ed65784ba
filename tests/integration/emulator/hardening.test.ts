/** The emulator as outside clients see it: oversize bodies, absurd timers, hidden prompts, varied callbacks. */
import { Agent, request } from "node:http";
import { describe, expect, it } from "vitest";
import { bootEmulator, PHONE, push, pushBody, startReceiver, withEmulator } from "./helpers";

type Answer = { status: number; body: Record<string, unknown>; reusedSocket: boolean };

/** A request on the given keep-alive agent; rejects if no answer comes within 3 s. */
function send(url: string, agent: Agent, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(text) as Record<string, unknown>,
          reusedSocket: req.reusedSocket,
        }),
      );
    });
    req.setTimeout(3000, () => req.destroy(new Error("no answer on the connection")));
    req.on("error", reject);
    req.end(body);
  });
}

describe("emulator hardening", () => {
  const setup = withEmulator({ duplicateAmountRule: false });
  const pushUrl = () => `${setup.emulator.url}/mpesa/stkpush/v1/processrequest`;
  const bearer = () => ({ authorization: `Bearer ${setup.token}`, "content-type": "application/json" });
  const huge = JSON.stringify({ padding: "x".repeat(2_000_000) });

  it("answers an oversize body with a 413 error and keeps the connection usable", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const tooBig = await send(pushUrl(), agent, bearer(), huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ errorCode: expect.any(String), errorMessage: expect.any(String) });
    const next = await send(pushUrl(), agent, bearer(), JSON.stringify(pushBody(setup.receiver.url)));
    expect(next).toMatchObject({ status: 200, reusedSocket: true });
    agent.destroy();
  });

  it("checks the token before reading a big body, and the connection still serves the next call", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const refused = await send(pushUrl(), agent, { authorization: "Bearer nope" }, huge);
    expect(refused).toMatchObject({ status: 404, body: { errorCode: "404.001.03" } });
    const next = await send(pushUrl(), agent, bearer(), JSON.stringify(pushBody(setup.receiver.url)));
    expect(next).toMatchObject({ status: 200, reusedSocket: true });
    agent.destroy();
  });

  it.each([
    ["/options", { promptTimeoutMs: 2 ** 31 }],
    ["/options", { autoPayMs: 2 ** 40 }],
    ["/auto-pay", { ms: 2 ** 31 }],
    ["/rules", { phone: PHONE, outcome: "pay", delayMs: 2 ** 31 }],
    ["/faults", { target: "push", kind: "hang", hangMs: 2 ** 31 }],
    ["/faults", { target: "callback", kind: "delay", delayMs: 2 ** 31 }],
  ])("refuses a timer over 2^31-1 ms on %s with a 400", async (path, body) => {
    const response = await fetch(`${setup.emulator.url}/__control${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(setup.emulator.control.options().promptTimeoutMs).toBeLessThan(2 ** 31);
  });

  it("answers a field holding an object that cannot become text with 400 Invalid <Field>, not a 500", async () => {
    // JSON.parse gives such an object for {"toString": 1}; String() of it throws.
    const unprintable = { toString: 1 };
    const answer = await push(
      setup.emulator.url,
      setup.token,
      pushBody(setup.receiver.url, { TransactionType: unprintable }),
    );
    expect(answer).toMatchObject({
      status: 400,
      body: { errorCode: "400.002.02", errorMessage: "Bad Request - Invalid TransactionType" },
    });
  });

  it("refuses to start with a timer option Node cannot hold", async () => {
    await expect(bootEmulator({ promptTimeoutMs: 2 ** 31 })).rejects.toThrow(/promptTimeoutMs/);
  });

  it("lets nobody pay a prompt that never showed on the phone (AccountReference over 12 characters)", async () => {
    const answer = await push(
      setup.emulator.url,
      setup.token,
      pushBody(setup.receiver.url, { AccountReference: "ACCOUNTREF1234" }),
    );
    const id = String(answer.body.CheckoutRequestID);
    await expect(setup.emulator.control.pay(id)).rejects.toMatchObject({ status: 409 });
    await expect(setup.emulator.control.pay(PHONE)).rejects.toMatchObject({ status: 404 });
    const overHttp = await fetch(`${setup.emulator.url}/__control/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: id }),
    });
    expect(overHttp.status).toBe(409);
    expect(setup.emulator.control.ledger().entries[0]).toMatchObject({ state: "open" });
    await setup.emulator.control.timeout(id);
    expect(setup.emulator.control.ledger().entries[0]).toMatchObject({ state: "failed", resultCode: 1037 });
  });
});

describe("callback forms", () => {
  /** Pays n prompts on a fresh emulator with the seed; the raw bodies' forms, ids left out. */
  async function forms(seed: number, n: number) {
    const emulator = await bootEmulator({ callbackVarietySeed: seed, duplicateAmountRule: false });
    const receiver = await startReceiver();
    const token = await (
      await fetch(`${emulator.url}/oauth/v1/generate?grant_type=client_credentials`, {
        headers: {
          authorization: `Basic ${Buffer.from("duka-emulator-key:duka-emulator-secret").toString("base64")}`,
        },
      })
    ).json();
    const shapes: string[] = [];
    for (let i = 0; i < n; i++) {
      await push(emulator.url, (token as { access_token: string }).access_token, pushBody(receiver.url));
      const delivery = await emulator.control.pay(PHONE);
      const items = delivery.body.Body.stkCallback.CallbackMetadata!.Item;
      const amount = /"Name":"Amount","Value":([\d.]+)/.exec(delivery.rawBody)![1];
      shapes.push(`${items.map((item) => item.Name).join(",")} amount=${amount}`);
    }
    await emulator.stop();
    await receiver.close();
    return shapes;
  }

  it("vary in item order, Amount's form and Balance's presence, the same way for the same seed", async () => {
    const first = await forms(7, 12);
    expect(await forms(7, 12)).toEqual(first);
    expect(new Set(first.map((s) => s.split(",")[0])).size).toBeGreaterThan(1);
    expect(first.some((s) => s.endsWith("amount=1250.00"))).toBe(true);
    expect(first.some((s) => s.endsWith("amount=1250"))).toBe(true);
    expect(first.some((s) => s.includes("Balance"))).toBe(true);
    expect(first.some((s) => !s.includes("Balance"))).toBe(true);
  });
});
