import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const OWNER = "lib/payments/core/state-machine.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

// A Prisma write to an order or attempt whose data sets `status`, or SQL that updates one.
const PRISMA_STATUS_WRITE =
  /\b(order|paymentAttempt)\.(update|updateMany|upsert|create|createMany)\(\s*\{[\s\S]*?\bdata:\s*\{[^}]*\bstatus\s*:/g;
const SQL_STATUS_WRITE = /UPDATE\s+"(Order|PaymentAttempt)"[\s\S]{0,200}?\bSET\b[\s\S]{0,200}?"status"/gi;

describe("payment statuses", () => {
  it(`are written only by ${OWNER}`, () => {
    const writers = ["app", "lib", "components", "emulator", "scripts"]
      .flatMap(sourceFiles)
      .filter((file) => relative(".", file) !== OWNER)
      .filter((file) => {
        const text = readFileSync(join(ROOT, file), "utf8");
        return text.match(PRISMA_STATUS_WRITE) !== null || text.match(SQL_STATUS_WRITE) !== null;
      });
    expect(writers).toEqual([]);
  });

  it("the check sees a status write when there is one", () => {
    expect(
      'await tx.order.update({ where: { id }, data: { status: "PENDING" } })'.match(PRISMA_STATUS_WRITE),
    ).not.toBeNull();
    expect('UPDATE "PaymentAttempt" SET "status" = \'FAILED\''.match(SQL_STATUS_WRITE)).not.toBeNull();
  });
});
