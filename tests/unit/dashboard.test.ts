import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/dashboard/csv";
import { filterQuery, orderWhere, parseOrderFilter, searchWhere } from "@/lib/dashboard/filters";
import { productInput, slugify } from "@/lib/dashboard/product-input";
import { sniffImageType } from "@/lib/storage/image-check";
import { eatDateKey, eatDateKeys, eatDayStart } from "@/lib/dashboard/time";
import { buildTimeline } from "@/lib/dashboard/timeline";

describe("csv", () => {
  it("quotes separators, quotes and newlines", () => {
    expect(csvRow(["a,b", 'say "hi"', "two\nlines", 1500, null])).toBe(
      '"a,b","say ""hi""","two\nlines",1500,\r\n',
    );
  });
  it("defuses formulas in text cells but not numbers", () => {
    for (const s of ["=1+1", "+254", "-2", "@SUM(A1)", "\tx"])
      expect(csvCell(s).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("Wanjiku")).toBe("Wanjiku");
  });
});

describe("order filters", () => {
  it("default to paid orders and ignore junk", () => {
    expect(parseOrderFilter({})).toEqual({
      status: "paid",
      fulfilment: "all",
      zone: "all",
      from: undefined,
      to: undefined,
      q: "",
      page: 1,
    });
    expect(
      parseOrderFilter({ status: "hacked", page: "-3", from: "yesterday", fulfilment: ["fulfilled", "x"] }),
    ).toMatchObject({ status: "paid", page: 1, from: undefined, fulfilment: "fulfilled" });
  });
  it("read a range typed the wrong way round as the days between", () => {
    expect(parseOrderFilter({ from: "2026-12-06", to: "2026-12-05" })).toMatchObject({
      from: "2026-12-05",
      to: "2026-12-06",
    });
  });
  it("round-trip through the URL, leaving defaults out", () => {
    const f = parseOrderFilter({ status: "attention", q: "Asha K", from: "2026-11-01", page: "3" });
    expect(filterQuery(f)).toBe("?status=attention&from=2026-11-01&q=Asha+K");
    expect(filterQuery(f, { page: 4 })).toContain("page=4");
    expect(parseOrderFilter(new URLSearchParams(filterQuery(f).slice(1)))).toEqual({ ...f, page: 1 });
    expect(filterQuery(parseOrderFilter({}))).toBe("");
  });
  it("search picks an indexed equality where it can", () => {
    expect(searchWhere("0712 345 678")).toEqual({ phone: "254712345678" });
    expect(searchWhere("tk12abc9xy")).toEqual({
      OR: [{ reference: "TK12ABC9XY" }, { reference: "DK-TK12ABC9XY" }, { mpesaReceipt: "TK12ABC9XY" }],
    });
    expect(searchWhere("Wanjiku")).toEqual({ customerName: { contains: "Wanjiku", mode: "insensitive" } });
    // Letters only, shaped like a reference (DK-PZPBCK, its account number DKPZPBCK): reference or name.
    expect(searchWhere("dkpzpbck")).toEqual({
      OR: [
        { reference: "DKPZPBCK" },
        { reference: "DK-DKPZPBCK" },
        { reference: "DK-PZPBCK" },
        { mpesaReceipt: "DKPZPBCK" },
        { customerName: { contains: "dkpzpbck", mode: "insensitive" } },
      ],
    });
    expect(searchWhere("50%_off")).toEqual({
      customerName: { contains: "50\\%\\_off", mode: "insensitive" },
    });
    expect(searchWhere("  ")).toBeUndefined();
  });
  it("date range uses EAT midnights, on paidAt for paid orders", () => {
    const where = orderWhere(parseOrderFilter({ from: "2026-11-25", to: "2026-11-25" }));
    expect(where.AND).toContainEqual({
      paidAt: { gte: new Date("2026-11-24T21:00:00Z"), lt: new Date("2026-11-25T21:00:00Z") },
    });
    const all = orderWhere(parseOrderFilter({ status: "all", from: "2026-11-25" }));
    expect(all.AND).toContainEqual({ createdAt: { gte: new Date("2026-11-24T21:00:00Z") } });
  });
});

describe("EAT days", () => {
  it("a day starts at 21:00 UTC the evening before", () => {
    const now = new Date("2026-11-24T21:30:00Z"); // 00:30 EAT on the 25th
    expect(eatDateKey(now)).toBe("2026-11-25");
    expect(eatDayStart(now)).toEqual(new Date("2026-11-24T21:00:00Z"));
    expect(eatDayStart(now, 6)).toEqual(new Date("2026-11-18T21:00:00Z"));
    expect(eatDateKeys(now, 3)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
  });
});

describe("product input", () => {
  it("reports each bad field in the seller's words", () => {
    const r = productInput.safeParse({
      name: "x",
      slug: "Not OK",
      description: "",
      priceKes: "12.5",
      stock: "-1",
      categoryId: "",
    });
    expect(r.success).toBe(false);
    expect(Object.keys(r.error!.flatten().fieldErrors).sort()).toEqual([
      "categoryId",
      "description",
      "name",
      "priceKes",
      "slug",
      "stock",
    ]);
  });
  it("accepts a good product and suggests slugs", () => {
    expect(
      productInput.safeParse({
        name: "Kikoy",
        slug: "kikoy-blue",
        description: "A soft cotton kikoy",
        priceKes: "1450",
        stock: "3",
        categoryId: "c1",
      }).success,
    ).toBe(true);
    expect(slugify("Kenya AA Coffee, 500g!")).toBe("kenya-aa-coffee-500g");
  });
  it("recognises images by their bytes", () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      "image/png",
    );
    expect(sniffImageType(new TextEncoder().encode("RIFF....WEBPVP8 "))).toBe("image/webp");
    expect(sniffImageType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
  });
});

describe("timeline", () => {
  it("reads the order's history: prompts, stored callbacks and results in words, in order", () => {
    const t0 = new Date("2026-11-25T10:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const event = (
      id: string,
      s: number,
      fields: Partial<Parameters<typeof buildTimeline>[0]["events"][number]>,
    ) => ({
      id,
      at: at(s),
      kind: "ATTEMPT_STATUS" as const,
      actor: "system",
      fromStatus: null,
      toStatus: null,
      attemptId: "a1",
      c2bPaymentId: null,
      amountKes: null,
      source: null,
      reference: null,
      note: null,
      data: null,
      resolvesId: null,
      ...fields,
    });
    // A body today's parser would read differently: the timeline shows what was decided when it came.
    const rawBody = '{"Body":{"stkCallback":{"ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}';
    const events = buildTimeline({
      createdAt: t0,
      totalKes: 1500,
      events: [
        event("e1", 2, { toStatus: "PENDING", note: "prompt for KES 1,500 sent to 2547****678" }),
        event("e2", 20, {
          fromStatus: "PENDING",
          toStatus: "FAILED",
          data: {
            resultCode: "1032",
            resultDesc: "Request cancelled by user",
            failureKind: "SHOPPER_DECLINED",
          },
        }),
        event("e3", 20, { kind: "ORDER_STATUS", attemptId: null, fromStatus: "PENDING", toStatus: "FAILED" }),
        event("e4", 30, { kind: "FLAGGED", attemptId: null, note: "Customer says they paid." }),
        event("e5", 40, {
          kind: "FLAG_RESOLVED",
          attemptId: null,
          actor: "owner@duka.test",
          note: "No payment on the statement.",
          resolvesId: "e4",
        }),
      ],
      attempts: [
        {
          id: "a1",
          callbacks: [
            {
              id: "cb1",
              rawBody,
              verdict: "APPLIED",
              reason: "attempt failed (1032)",
              receivedAt: at(19),
              sourceIp: null,
            },
          ],
        },
      ],
    });
    expect(events.map((e) => [e.title, e.tone])).toEqual([
      ["Order placed for KES 1,500", "info"],
      ["Payment attempt 1: prompt for KES 1,500 sent to 2547****678", "info"],
      ["M-Pesa callback (applied: attempt failed (1032))", "info"],
      ["Attempt 1 failed", "bad"],
      ["Order unpaid: its prompt failed", "info"],
      ["Needed attention (resolved)", "info"],
      ["Resolved by owner@duka.test", "good"],
    ]);
    expect(events[3]?.detail).toMatch(/cancelled.*code 1032/i);
    expect(events[2]?.raw).toBe(rawBody);
    expect(events[6]?.detail).toBe("“Customer says they paid.” · No payment on the statement.");
  });
});
