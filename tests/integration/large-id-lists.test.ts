/**
 * A list of ids of any size is one array parameter (`= ANY($1)`), never one bind parameter per id: the live
 * status poll of an instance watching very many orders must not hit PostgreSQL's 65,535-parameter limit.
 * The reliability suite counts and groups its thousands of orders a slice at a time (tests/support/id-chunks.ts).
 */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { readOrderVersions } from "@/lib/live/versions";
import { countInSlices, rowsInSlices } from "../support/id-chunks";
import { resetShop } from "./support/database";

it("reads the versions of 50,000 watched orders in one statement", async () => {
  await resetShop({ seed: false });
  const order = await prisma.order.create({
    data: {
      publicId: `pub-large-${randomBytes(4).toString("hex")}`,
      reference: "DK-LARGE1",
      customerName: "Large List",
      phone: "254712345678",
      totalKes: 100,
      reservedUntil: new Date(Date.now() + 600_000),
    },
  });
  const ids = [...Array.from({ length: 49_999 }, (_, i) => `missing-${i}`), order.id];
  const versions = await readOrderVersions(ids);
  expect(versions.map((v) => v.id)).toEqual([order.id]);
});

it("counts, groups and reads 50,000 listed ids as the reliability suite does", async () => {
  await resetShop({ seed: false });
  const orders = await Promise.all(
    ["DK-LARGE2", "DK-LARGE3"].map((reference, i) =>
      prisma.order.create({
        data: {
          publicId: `pub-large-${randomBytes(4).toString("hex")}`,
          reference,
          customerName: "Large List",
          phone: "254712345678",
          totalKes: 100,
          status: i === 0 ? "PAID" : "PENDING",
          reservedUntil: new Date(Date.now() + 600_000),
        },
      }),
    ),
  );
  const ids = [...Array.from({ length: 49_998 }, (_, i) => `missing-${i}`), ...orders.map((o) => o.id)];

  const paid = await countInSlices(ids, (slice) =>
    prisma.order.count({ where: { id: { in: slice }, status: "PAID" } }),
  );
  expect(paid).toBe(1);
  const byStatus = await rowsInSlices(ids, (slice) =>
    prisma.order.groupBy({ by: ["status"], where: { id: { in: slice } }, _count: { _all: true } }),
  );
  expect(byStatus.map((g) => [g.status, g._count._all]).sort()).toEqual([
    ["PAID", 1],
    ["PENDING", 1],
  ]);
  // A plain findMany (with its relations) Prisma slices itself.
  const read = await prisma.order.findMany({ where: { id: { in: ids } }, include: { attempts: true } });
  expect(read.map((o) => o.reference).sort()).toEqual(["DK-LARGE2", "DK-LARGE3"]);
});
