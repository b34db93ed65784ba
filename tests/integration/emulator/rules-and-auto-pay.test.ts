import { describe, expect, it } from "vitest";
import { bootEmulator, getToken, push, pushBody, sleep, waitUntil, withEmulator } from "./helpers";

const resultCodeOf = (body: unknown) =>
  (body as { Body: { stkCallback: { ResultCode: number | string } } }).Body.stkCallback.ResultCode;

describe("emulator scripted outcomes", () => {
  const setup = withEmulator({ duplicateAmountRule: false });

  const pushTo = (phone: string) =>
    push(
      setup.emulator.url,
      setup.token,
      pushBody(setup.receiver.url, { PhoneNumber: phone, PartyA: phone }),
    );

  it("applies a phone's rule after its delay", async () => {
    setup.emulator.control.setRule("254700000001", { outcome: "cancel", delayMs: 300 });
    await pushTo("254700000001");
    await sleep(150);
    expect(setup.receiver.received).toHaveLength(0);
    await waitUntil(() => setup.receiver.received.length === 1);
    expect(resultCodeOf(setup.receiver.received[0]?.body)).toBe(1032);
  });

  it.each([
    ["pay", 0],
    ["insufficient", 1],
    ["wrong_pin", 2001],
    ["fail:1019", 1019],
  ] as const)("a rule with outcome %s answers %s", async (outcome, code) => {
    setup.emulator.control.setRule("0700000002", { outcome });
    await pushTo("254700000002");
    await waitUntil(() => setup.receiver.received.length === 1);
    expect(resultCodeOf(setup.receiver.received[0]?.body)).toBe(code);
  });

  it("a timeout rule waits for the prompt timeout unless given a delay", async () => {
    setup.emulator.control.setRule("254700000003", { outcome: "timeout", delayMs: 50 });
    await pushTo("254700000003");
    await waitUntil(() => setup.receiver.received.length === 1);
    expect(resultCodeOf(setup.receiver.received[0]?.body)).toBe(1037);
  });

  it("leaves phones without a rule to the phone page, and clearRules forgets rules", async () => {
    setup.emulator.control.setRule("254700000004", { outcome: "pay" });
    setup.emulator.control.clearRules();
    await pushTo("254700000004");
    await sleep(200);
    expect(setup.receiver.received).toHaveLength(0);
    expect(setup.emulator.control.prompts("254700000004")).toHaveLength(1);
  });

  it("auto-pays every prompt after the configured delay", async () => {
    setup.emulator.control.setAutoPay(100);
    await pushTo("254700000005");
    await waitUntil(() => setup.receiver.received.length === 1);
    expect(resultCodeOf(setup.receiver.received[0]?.body)).toBe(0);
    expect(setup.emulator.control.ledger().totals).toMatchObject({ paidCount: 1, paidAmount: 1250 });
  });

  it("takes auto-pay from its start options", async () => {
    const demo = await bootEmulator({ autoPayMs: 0 });
    try {
      const demoToken = await getToken(demo.url);
      await push(demo.url, demoToken, pushBody(setup.receiver.url));
      await waitUntil(() => setup.receiver.received.length === 1);
      expect(demo.control.ledger().entries[0]?.state).toBe("paid");
    } finally {
      await demo.stop();
    }
  });
});
