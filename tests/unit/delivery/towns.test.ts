import { describe, expect, it } from "vitest";
import { KENYA_COUNTIES } from "@/lib/delivery/counties";
import { TOWNS_BY_COUNTY, townsOf } from "@/lib/delivery/towns";

describe("town and estate suggestions", () => {
  it("list at least one town for every one of the 47 counties", () => {
    expect(KENYA_COUNTIES).toHaveLength(47);
    for (const county of KENYA_COUNTIES) {
      expect(TOWNS_BY_COUNTY[county].length, county).toBeGreaterThan(0);
    }
  });

  it("name no county outside the 47", () => {
    const known = new Set<string>(KENYA_COUNTIES);
    expect(Object.keys(TOWNS_BY_COUNTY).filter((county) => !known.has(county))).toEqual([]);
    expect(Object.keys(TOWNS_BY_COUNTY)).toHaveLength(47);
  });

  it("repeat no town within a county, and hold no blank or padded names", () => {
    for (const [county, towns] of Object.entries(TOWNS_BY_COUNTY)) {
      const seen = towns.map((t) => t.toLowerCase());
      expect(new Set(seen).size, county).toBe(towns.length);
      for (const town of towns) expect(town, county).toMatch(/^\S(.*\S)?$/);
    }
  });

  it("suggest a county's own towns, and none for an unknown or empty county", () => {
    expect(townsOf("Nairobi")).toContain("Westlands");
    expect(townsOf("Kiambu")).toContain("Thika");
    expect(townsOf("Atlantis")).toEqual([]);
    expect(townsOf("")).toEqual([]);
    expect(townsOf("constructor")).toEqual([]);
  });
});
