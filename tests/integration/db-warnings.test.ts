/** Prisma loads an include's relations in parallel; in a transaction they share one connection. */
import "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetShop } from "./support/database";

describe("the database client", () => {
  it("runs an include inside a transaction without pg's 'already executing a query' warning", async () => {
    await resetShop();
    expect(process.noDeprecation).not.toBe(true); // else the warning could not show here
    const { id } = await prisma.order.create({
      data: {
        publicId: "warnings-test-order",
        reference: "DK-WARN01",
        customerName: "Test",
        phone: "254712000000",
        totalKes: 100,
        reservedUntil: new Date(),
      },
    });
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on("warning", listen);
    try {
      const order = await prisma.$transaction(async (tx) =>
        tx.order.findUnique({ where: { id }, include: { items: true, attempts: true, delivery: true } }),
      );
      expect(order?.items).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 50)); // warnings are emitted on the next tick
    } finally {
      process.off("warning", listen);
    }
    expect(warnings).toEqual([]);
  });
});
