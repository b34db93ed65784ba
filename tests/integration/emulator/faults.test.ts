import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "@/emulator";
import { BASIC, bootEmulator, getToken, PHONE, push, pushBody, query, sleep, startReceiver, waitUntil } from "./helpers";

describe("emulator fault injection", () => {
  let emulator: EmulatorHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let token: string;
  beforeAll(async () => {
    emulator = await bootEmulator({ duplicateAmountRule: false });
    receiver = await startReceiver();
    token = await getToken(emulator.url);
  });
  afterEach(() => {
    emulator.control.reset();
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.close();
  });

  const send = (overrides: Record<string, unknown> = {}) => push(emulator.url, token, pushBody(receiver.url, overrides));
  const rawPush = (signal?: AbortSignal) =>
    fetch(`${emulator.url}/mpesa/stkpush/v1/processrequest`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(pushBody(receiver.url)),
      signal,
    });

  it.each([
    ["error", "500.003.1001", "Internal Server Error"],
    ["rateLimit", "500.003.02", "System is busy. Please try again in few minutes."],
    ["spikeArrest", "500.003.02", "Error Occurred: Spike Arrest Violation"],
    ["quota", "500.003.03", "Quota Violation"],
  ] as const)("answers the next push with a %s fault, without creating a prompt", async (kind, errorCode, errorMessage) => {
    emulator.control.fault({ target: "push", kind });
    const answer = await send();
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ requestId: expect.any(String), errorCode, errorMessage });
    expect(emulator.control.prompts()).toHaveLength(0);
    expect((await send()).status).toBe(200);
  });

  it("applies a fault to the next N calls, and can accept the push behind the error", async () => {
    emulator.control.fault({ target: "push", kind: "error", count: 2, accepted: true });
    expect((await send()).status).toBe(500);
    expect(emulator.control.prompts()).toHaveLength(1);
    expect((await send({ PhoneNumber: "254711000002", PartyA: "254711000002" })).status).toBe(500);
    expect((await send({ PhoneNumber: "254711000003", PartyA: "254711000003" })).status).toBe(200);
  });

  it("hits a share of calls: probability 0 never, probability 1 always until reset", async () => {
    emulator.control.fault({ target: "oauth", kind: "rateLimit", probability: 0 });
    expect((await getToken(emulator.url)).length).toBe(28);
    emulator.control.reset();
    emulator.control.fault({ target: "oauth", kind: "error", probability: 1 });
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${emulator.url}/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: BASIC } });
      expect(response.status).toBe(500);
    }
  });

  it("faults queries too", async () => {
    emulator.control.fault({ target: "query", kind: "rateLimit" });
    expect((await query(emulator.url, token, "ws_CO_x")).body).toMatchObject({ errorCode: "500.003.02" });
  });

  it("hangs a push past the client's timeout yet creates the prompt; reset frees the socket", async () => {
    emulator.control.fault({ target: "push", kind: "hang" });
    await expect(rawPush(AbortSignal.timeout(200))).rejects.toThrow();
    expect(emulator.control.prompts(PHONE)).toHaveLength(1);
    expect(emulator.control.log()[0]).toMatchObject({ status: null, fault: "hang (accepted)", checkoutRequestId: expect.stringMatching(/^ws_CO_/) });
  });

  it("sends the held answer late when the hang has a duration", async () => {
    emulator.control.fault({ target: "push", kind: "hang", hangMs: 300 });
    const started = Date.now();
    const response = await rawPush();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(response.status).toBe(200);
  });

  it("hangs without a prompt when not accepted, then cuts the line", async () => {
    emulator.control.fault({ target: "push", kind: "hang", hangMs: 100, accepted: false });
    await expect(rawPush()).rejects.toThrow();
    expect(emulator.control.prompts()).toHaveLength(0);
  });

  it("drops the connection after accepting, or before", async () => {
    emulator.control.fault({ target: "push", kind: "drop" });
    await expect(rawPush()).rejects.toThrow();
    expect(emulator.control.prompts(PHONE)).toHaveLength(1);
    emulator.control.reset();
    emulator.control.fault({ target: "push", kind: "drop", accepted: false });
    await expect(rawPush()).rejects.toThrow();
    expect(emulator.control.prompts()).toHaveLength(0);
    expect(emulator.control.log()[0]).toMatchObject({ status: null, fault: "drop (not accepted)" });
  });

  it("delays a callback", async () => {
    emulator.control.fault({ target: "callback", kind: "delay", delayMs: 300 });
    await send();
    const started = Date.now();
    const delivery = await emulator.control.pay(PHONE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(delivery.faults).toEqual(["delay 300ms"]);
  });

  it("drops a callback but records it", async () => {
    emulator.control.fault({ target: "callback", kind: "drop" });
    await send();
    const delivery = await emulator.control.pay(PHONE);
    await sleep(100);
    expect(receiver.received).toHaveLength(0);
    expect(delivery).toMatchObject({ status: null, error: "dropped by fault" });
    expect(emulator.control.ledger().entries[0]?.state).toBe("paid");
  });

  it("duplicates a callback", async () => {
    emulator.control.fault({ target: "callback", kind: "duplicate" });
    await send();
    await emulator.control.cancel(PHONE);
    await waitUntil(() => receiver.received.length === 2);
    expect(receiver.received[0]?.body).toEqual(receiver.received[1]?.body);
    expect(emulator.control.deliveries()).toHaveLength(2);
  });

  it("reports a wrong amount on a successful callback only", async () => {
    emulator.control.fault({ target: "callback", kind: "wrongAmount", amount: 1 });
    await send();
    await emulator.control.cancel(PHONE);
    await send({ Amount: 500 });
    const delivery = await emulator.control.pay(PHONE);
    expect(delivery.body.Body.stkCallback.CallbackMetadata?.Item[0]).toEqual({ Name: "Amount", Value: 1 });
    expect(emulator.control.ledger().entries[1]?.amount).toBe(500);
  });

  it("lists faults and forgets them all on reset", async () => {
    emulator.control.fault({ target: "push", kind: "error", count: 3 });
    emulator.control.fault({ target: "callback", kind: "drop", probability: 0.5 });
    expect(emulator.control.faults()).toMatchObject([{ remaining: 3 }, { remaining: null }]);
    emulator.control.reset();
    expect(emulator.control.faults()).toEqual([]);
    expect((await send()).status).toBe(200);
  });

  it("refuses a malformed fault", () => {
    expect(() => emulator.control.fault({ target: "push", kind: "delay" } as never)).toThrow();
  });
});
