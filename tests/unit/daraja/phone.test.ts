import { describe, expect, it } from "vitest";
import { InvalidPhoneError, maskPhone, normalizePhone, tryNormalizePhone } from "@/lib/daraja";

describe("normalizePhone", () => {
  it.each([
    ["0708374149", "254708374149"],
    ["0110123456", "254110123456"],
    ["708374149", "254708374149"],
    ["110123456", "254110123456"],
    ["+254708374149", "254708374149"],
    ["254708374149", "254708374149"],
    ["+254 110 123 456", "254110123456"],
    ["0708-374-149", "254708374149"],
    ["  0708 374 149  ", "254708374149"],
    ["+254-708-374-149", "254708374149"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(tryNormalizePhone(input)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "07083741490", // too long
    "070837414", // too short
    "0808374149", // not a 07/01 mobile prefix
    "0208374149",
    "+255708374149", // Tanzania
    "2540708374149", // trunk 0 kept after the country code
    "00254708374149",
    "0708.374.149",
    "(0708) 374149",
    "07O8374149", // letter O
    "phone",
    "+",
    "254",
  ])("rejects %j", (input) => {
    expect(() => normalizePhone(input)).toThrow(InvalidPhoneError);
    expect(tryNormalizePhone(input)).toBeNull();
  });

  it("keeps the number out of the error message", () => {
    expect(() => normalizePhone("0808374149")).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining("0808") }),
    );
  });
});

describe("maskPhone", () => {
  it("shows only the country/network prefix and the last 3 digits", () => {
    expect(maskPhone("254708374149")).toBe("2547******149");
    expect(maskPhone("0708374149")).toBe("2547******149");
    expect(maskPhone("254110123456")).toBe("2541******456");
  });

  it("never echoes input it cannot normalize", () => {
    expect(maskPhone("12345678901")).toBe("******901");
    expect(maskPhone("12")).toBe("******");
    expect(maskPhone("")).toBe("******");
  });
});
