import { describe, expect, it } from "vitest";
import { accountNumberOf, referenceFromAccount } from "@/lib/payments/c2b/account";

describe("Pay Bill account numbers", () => {
  it("asks shoppers to type the reference without its dash, within Daraja's 12 characters", () => {
    expect(accountNumberOf("DK-7Q4M2X")).toBe("DK7Q4M2X");
  });

  it.each([["DK7Q4M2X"], ["dk7q4m2x"], ["dk 7q4m2x"], ["DK-7Q4M2X"], [" Dk.7Q4 M2X "], ["7q4m2x"]])(
    "reads %j as DK-7Q4M2X",
    (typed) => {
      expect(referenceFromAccount(typed)).toBe("DK-7Q4M2X");
    },
  );

  it.each([[""], ["DK7Q4M2"], ["DK7Q4M2XY"], ["order 1"], ["DK7Q4M2O"]])(
    "matches no order for %j",
    (typed) => {
      expect(referenceFromAccount(typed)).toBeNull();
    },
  );
});
