import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { updateRowIf } from "@/lib/conditional-update";
import type { Tx } from "@/lib/db";

const ROOT = join(import.meta.dirname, "../../..");
const OWNER = "lib/payments/core/";

// Type tests: `npm run typecheck` fails as soon as one of these outside status writes compiles.
export function outsideStatusWrites(tx: Tx) {
  // @ts-expect-error an order's status is written by lib/payments/core only
  void updateRowIf(tx, "Order", { id: "o" }, { status: "PAID" });
  // @ts-expect-error an attempt's status too
  void updateRowIf(tx, "PaymentAttempt", { id: "a" }, { status: "FAILED", resultCode: "1" });
  // @ts-expect-error a C2B payment's status too
  void updateRowIf(tx, "C2bPayment", { id: "c" }, { status: "APPLIED" });
  const held = { status: "EXPIRED" as const, stockReserved: false };
  // @ts-expect-error changes held in a variable are checked the same way
  void updateRowIf(tx, "Order", { id: "o" }, held);
  // Matching on a status (a conditional write of other columns) and a notification's status are fine.
  void updateRowIf(tx, "Order", { id: "o", status: "PAID" }, { fulfilment: "FULFILLED" });
  void updateRowIf(tx, "Notification", { id: "n" }, { status: "SENT" });
}

/** Compiles one file against the project's settings; the text of each line with an error. */
function linesWithErrors(source: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "status-write-"));
  try {
    const file = join(dir, "outside.ts");
    writeFileSync(file, source);
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
    )!;
    const program = ts.createProgram([file], { ...config.options, incremental: false, noEmit: true });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === file && d.start !== undefined)
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
        return source.split("\n")[line]!.trim();
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

// What the compiler cannot see: Prisma's own writes and SQL that set a payment status.
const PRISMA_STATUS_WRITE =
  /\b(order|paymentAttempt|c2bPayment)\.(update|updateMany|upsert|create|createMany)\(\s*\{[\s\S]*?\bdata:\s*\{[^}]*\bstatus\s*:/g;
const SQL_STATUS_WRITE =
  /UPDATE\s+"?(Order|PaymentAttempt|C2bPayment)"?[\s\S]{0,200}?\bSET\b[\s\S]{0,300}?"?\bstatus\b"?\s*=/gi;

describe("payment statuses", () => {
  it("cannot be set through the shared conditional update from outside lib/payments/core", () => {
    const errors = linesWithErrors(`
      import { updateRowIf } from "@/lib/conditional-update";
      import { prisma } from "@/lib/db";
      const changes = { status: "PAID" as const };
      export const a = updateRowIf(prisma, "Order", { id: "o" }, changes);
      export const b = updateRowIf(prisma, "C2bPayment", { id: "c" }, { status: "REFUNDED" });
      export const ok = updateRowIf(prisma, "Order", { id: "o" }, { fulfilment: "FULFILLED" });
    `);
    expect(errors).toEqual([
      'export const a = updateRowIf(prisma, "Order", { id: "o" }, changes);',
      'export const b = updateRowIf(prisma, "C2bPayment", { id: "c" }, { status: "REFUNDED" });',
    ]);
  }, 60_000);

  it(`are written by Prisma or SQL only in ${OWNER}`, () => {
    const writers = ["app", "lib", "components", "emulator", "scripts"]
      .flatMap(sourceFiles)
      .filter((file) => !file.startsWith(OWNER))
      .filter((file) => {
        const text = readFileSync(join(ROOT, file), "utf8");
        return text.match(PRISMA_STATUS_WRITE) !== null || text.match(SQL_STATUS_WRITE) !== null;
      });
    expect(writers).toEqual([]);
  });

  it("the scan sees a status write when there is one", () => {
    expect(
      'await tx.c2bPayment.updateMany({ where: { id }, data: { status: "APPLIED" } })'.match(
        PRISMA_STATUS_WRITE,
      ),
    ).not.toBeNull();
    expect('UPDATE "PaymentAttempt" SET "status" = \'FAILED\''.match(SQL_STATUS_WRITE)).not.toBeNull();
    expect("UPDATE Order SET status = 'PAID'".match(SQL_STATUS_WRITE)).not.toBeNull();
  });
});

const REFUND_OWNER = "lib/payments/core/refunds.ts";
// A refund's status, written anywhere: Prisma data with `status`, or SQL updating "Refund".
const REFUND_STATUS_WRITE =
  /\brefund\.(update|updateMany|upsert|create|createMany)\(\s*\{[\s\S]*?\bdata:\s*\{[^}]*\bstatus\s*:|UPDATE\s+"Refund"[\s\S]{0,200}?\bSET\b[\s\S]{0,200}?"?status"?\s*=/g;

describe("refund statuses", () => {
  it(`are written only by ${REFUND_OWNER}`, () => {
    const writers = ["app", "lib", "components", "scripts"]
      .flatMap(sourceFiles)
      .filter((file) => file !== REFUND_OWNER)
      .filter((file) => readFileSync(join(ROOT, file), "utf8").match(REFUND_STATUS_WRITE) !== null);
    expect(writers).toEqual([]);
  });

  it("the check sees a refund status write when there is one", () => {
    expect(
      "tx.refund.updateMany({ where: { id }, data: { ...x, status: to } })".match(REFUND_STATUS_WRITE),
    ).not.toBeNull();
    expect(`UPDATE "Refund" SET status = 'FAILED'`.match(REFUND_STATUS_WRITE)).not.toBeNull();
  });
});
