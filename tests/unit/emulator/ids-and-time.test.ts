import { describe, expect, it } from "vitest";
import { eatDayFirst, eatTimestamp, parseEatTimestamp } from "@/emulator/daraja/eat-time";
import { IdFactory } from "@/emulator/daraja/ids";

describe("emulator EAT time", () => {
  it("formats in UTC+3 whatever the server zone", () => {
    const at = new Date("2026-09-01T22:30:05Z");
    expect(eatTimestamp(at)).toBe("20260902013005");
    expect(eatDayFirst(at)).toBe("02092026013005");
  });

  it("parses only real instants", () => {
    expect(parseEatTimestamp("20260902013005")?.toISOString()).toBe("2026-09-01T22:30:05.000Z");
    expect(parseEatTimestamp("20260231120000")).toBeNull();
    expect(parseEatTimestamp("2026090201300")).toBeNull();
  });
});

describe("emulator IDs", () => {
  const ids = new IdFactory();

  it("builds CheckoutRequestIDs from EAT time, 1-3 digits and the MSISDN's last 9 digits", () => {
    const at = new Date("2022-05-23T09:21:37.653Z");
    expect(ids.checkoutRequestId("254708374149", at)).toBe("ws_CO_23052022122137653708374149");
  });

  it("never repeats an ID, even in the same millisecond", () => {
    const at = new Date();
    const made = Array.from({ length: 50 }, () => ids.checkoutRequestId("254708374149", at));
    expect(new Set(made).size).toBe(50);
    const receipts = Array.from({ length: 500 }, () => ids.receipt());
    expect(new Set(receipts).size).toBe(500);
    receipts.forEach((receipt) => expect(receipt).toMatch(/^[A-Z][A-Z0-9]{9}$/));
    expect(ids.merchantRequestId()).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\d{6}$/);
  });
});
