import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { darajaPassword, darajaTimestamp, eatNumberToDate } from "@/lib/daraja";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "./samples";

describe("EAT timestamps whatever the process time zone", () => {
  const originalTz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = "America/New_York";
  });
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it("really runs in New York (guards the test itself)", () => {
    expect(new Date("2026-11-25T22:30:00Z").getHours()).toBe(17);
  });

  it.each([
    ["2026-11-25T22:30:00Z", "20261126013000"], // next day in Nairobi
    ["2026-12-31T21:00:00Z", "20270101000000"], // next year
    ["2026-12-31T20:59:59Z", "20261231235959"],
    ["2024-02-28T21:00:00Z", "20240229000000"], // leap day
    ["2026-03-08T07:30:00Z", "20260308103000"], // the US DST switch day does not matter
    ["2026-07-04T00:00:05Z", "20260704030005"],
  ])("%s -> %s", (iso, expected) => {
    expect(darajaTimestamp(new Date(iso))).toBe(expected);
  });

  it("eatNumberToDate reverses it, from a number or a numeric string", () => {
    expect(eatNumberToDate(20191219102115).toISOString()).toBe("2019-12-19T07:21:15.000Z");
    expect(eatNumberToDate("20261126013000").toISOString()).toBe("2026-11-25T22:30:00.000Z");
    expect(eatNumberToDate("20270101000000").toISOString()).toBe("2026-12-31T21:00:00.000Z");
  });

  it.each([
    20191319102115,
    20190231102115,
    20191219246000,
    2019121910211,
    "2019-12-19",
    "",
    1e20,
    20191219102115.5,
    -20191219102115,
  ])("eatNumberToDate rejects %j", (bad) => {
    expect(() => eatNumberToDate(bad)).toThrow(RangeError);
  });
});

describe("darajaPassword", () => {
  it("is base64(shortcode + passkey + timestamp)", () => {
    const password = darajaPassword(SANDBOX_SHORTCODE, SANDBOX_PASSKEY, "20191219102115");
    expect(password).toBe(
      "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTkxMjE5MTAyMTE1",
    );
    expect(Buffer.from(password, "base64").toString()).toBe(`174379${SANDBOX_PASSKEY}20191219102115`);
  });
});
