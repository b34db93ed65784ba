import { describe, expect, it } from "vitest";
import { formatEat, formatKes } from "@/lib/format";

describe("formatting", () => {
  it("shows whole shillings with thousands separators", () => {
    expect(formatKes(1250)).toBe("KES 1,250");
    expect(formatKes(250000)).toBe("KES 250,000");
  });

  it("shows UTC instants in East Africa Time", () => {
    expect(formatEat(new Date("2026-11-25T22:30:00Z"))).toBe("26 Nov 2026, 01:30 EAT");
  });
});
