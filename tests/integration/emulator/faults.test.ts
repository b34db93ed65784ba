import { describe, expect, it } from "vitest";
import { BASIC, getToken, PHONE, push, pushBody, query, sleep, waitUntil, withEmulator } from "./helpers";

describe("emulator fault injection", () => {
  const setup = withEmulator({ duplicateAmountRule: false });

  const send = (overrides: Record<string, unknown> = {}) =>
    push(setup.emulator.url, setup.token, pushBody(setup.receiver.url, overrides));
  const rawPush = (signal?: AbortSignal) =>
    fetch(`${setup.emulator.url}/mpesa/stkpush/v1/processrequest`, {
      method: "POST",
      headers: { authorization: `Bearer ${setup.token}`, "content-type": "application/json" },
      body: JSON.stringify(pushBody(setup.receiver.url)),
      signal,
    });

  it.each([
    ["error", "500.003.1001", "Internal Server Error"],
    ["rateLimit", "500.003.02", "System is busy. Please try again in few minutes."],
    ["spikeArrest", "500.003.02", "Error Occurred: Spike Arrest Violation"],
    ["quota", "500.003.03", "Quota Violation"],
  ] as const)(
    "answers the next push with a %s fault, without creating a prompt",
    async (kind, errorCode, errorMessage) => {
      setup.emulator.control.fault({ target: "push", kind });
      const answer = await send();
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ requestId: expect.any(String), errorCode, errorMessage });
      expect(setup.emulator.control.prompts()).toHaveLength(0);
      expect((await send()).status).toBe(200);
    },
  );

  it("applies a fault to the next N calls, and can accept the push behind the error", async () => {
    setup.emulator.control.fault({ target: "push", kind: "error", count: 2, accepted: true });
    expect((await send()).status).toBe(500);
    expect(setup.emulator.control.prompts()).toHaveLength(1);
    expect((await send({ PhoneNumber: "254711000002", PartyA: "254711000002" })).status).toBe(500);
    expect((await send({ PhoneNumber: "254711000003", PartyA: "254711000003" })).status).toBe(200);
  });

  it("hits a share of calls: probability 0 never, probability 1 always until reset", async () => {
    setup.emulator.control.fault({ target: "oauth", kind: "rateLimit", probability: 0 });
    expect((await getToken(setup.emulator.url)).length).toBe(28);
    setup.emulator.control.reset();
    setup.emulator.control.fault({ target: "oauth", kind: "error", probability: 1 });
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${setup.emulator.url}/oauth/v1/generate?grant_type=client_credentials`, {
        headers: { authorization: BASIC },
      });
      expect(response.status).toBe(500);
    }
  });

  it("faults queries too", async () => {
    setup.emulator.control.fault({ target: "query", kind: "rateLimit" });
    expect((await query(setup.emulator.url, setup.token, "ws_CO_x")).body).toMatchObject({
      errorCode: "500.003.02",
    });
  });

  it("hangs a push past the client's timeout yet creates the prompt; reset frees the socket", async () => {
    setup.emulator.control.fault({ target: "push", kind: "hang" });
    await expect(rawPush(AbortSignal.timeout(200))).rejects.toThrow();
    expect(setup.emulator.control.prompts(PHONE)).toHaveLength(1);
    expect(setup.emulator.control.log()[0]).toMatchObject({
      status: null,
      fault: "hang (accepted)",
      checkoutRequestId: expect.stringMatching(/^ws_CO_/),
    });
  });

  it("sends the held answer late when the hang has a duration", async () => {
    setup.emulator.control.fault({ target: "push", kind: "hang", hangMs: 300 });
    const started = Date.now();
    const response = await rawPush();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(response.status).toBe(200);
  });

  it("hangs without a prompt when not accepted, then cuts the line", async () => {
    setup.emulator.control.fault({ target: "push", kind: "hang", hangMs: 100, accepted: false });
    await expect(rawPush()).rejects.toThrow();
    expect(setup.emulator.control.prompts()).toHaveLength(0);
  });

  it("drops the connection after accepting, or before", async () => {
    setup.emulator.control.fault({ target: "push", kind: "drop" });
    await expect(rawPush()).rejects.toThrow();
    expect(setup.emulator.control.prompts(PHONE)).toHaveLength(1);
    setup.emulator.control.reset();
    setup.emulator.control.fault({ target: "push", kind: "drop", accepted: false });
    await expect(rawPush()).rejects.toThrow();
    expect(setup.emulator.control.prompts()).toHaveLength(0);
    expect(setup.emulator.control.log()[0]).toMatchObject({ status: null, fault: "drop (not accepted)" });
  });

  it("delays a callback", async () => {
    setup.emulator.control.fault({ target: "callback", kind: "delay", delayMs: 300 });
    await send();
    const started = Date.now();
    const delivery = await setup.emulator.control.pay(PHONE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(delivery.faults).toEqual(["delay 300ms"]);
  });

  it("drops a callback but records it", async () => {
    setup.emulator.control.fault({ target: "callback", kind: "drop" });
    await send();
    const delivery = await setup.emulator.control.pay(PHONE);
    await sleep(100);
    expect(setup.receiver.received).toHaveLength(0);
    expect(delivery).toMatchObject({ status: null, error: "dropped by fault" });
    expect(setup.emulator.control.ledger().entries[0]?.state).toBe("paid");
  });

  it("duplicates a callback", async () => {
    setup.emulator.control.fault({ target: "callback", kind: "duplicate" });
    await send();
    await setup.emulator.control.cancel(PHONE);
    await waitUntil(() => setup.receiver.received.length === 2);
    expect(setup.receiver.received[0]?.body).toEqual(setup.receiver.received[1]?.body);
    expect(setup.emulator.control.deliveries()).toHaveLength(2);
  });

  it("reports a wrong amount on a successful callback only", async () => {
    setup.emulator.control.fault({ target: "callback", kind: "wrongAmount", amount: 1 });
    await send();
    await setup.emulator.control.cancel(PHONE);
    await send({ Amount: 500 });
    const delivery = await setup.emulator.control.pay(PHONE);
    expect(delivery.body.Body.stkCallback.CallbackMetadata?.Item[0]).toEqual({ Name: "Amount", Value: 1 });
    expect(setup.emulator.control.ledger().entries[1]?.amount).toBe(500);
  });

  it("lists faults and forgets them all on reset", async () => {
    setup.emulator.control.fault({ target: "push", kind: "error", count: 3 });
    setup.emulator.control.fault({ target: "callback", kind: "drop", probability: 0.5 });
    expect(setup.emulator.control.faults()).toMatchObject([{ remaining: 3 }, { remaining: null }]);
    setup.emulator.control.reset();
    expect(setup.emulator.control.faults()).toEqual([]);
    expect((await send()).status).toBe(200);
  });

  it("refuses a malformed fault", () => {
    expect(() => setup.emulator.control.fault({ target: "push", kind: "delay" } as never)).toThrow();
  });
});
