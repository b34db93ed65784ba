/**
 * A list of ids of any size is one array parameter (`= ANY($1)`), never one bind parameter per id: the live
 * status poll of an instance watching very many orders must not hit PostgreSQL's 65,535-parameter limit.
 */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { readOrderVersions } from "@/lib/live/versions";
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
