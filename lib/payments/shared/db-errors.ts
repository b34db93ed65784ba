import { Prisma } from "@/lib/generated/prisma/client";

export function isUniqueViolation(e: unknown, field: string): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== "P2002") return false;
  return JSON.stringify(e.meta ?? {}).includes(field);
}

/** What PostgreSQL said when it refused a statement (through Prisma's driver adapter): SQLSTATE and words. */
function postgresError(e: unknown): { code: string; message: string } | null {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const cause = (e.meta?.driverAdapterError as { cause?: Record<string, unknown> } | undefined)?.cause;
  const code = cause?.originalCode;
  if (typeof code !== "string") return null;
  return { code, message: typeof cause?.originalMessage === "string" ? cause.originalMessage : code };
}

/**
 * Whether applying the same input again would fail the same way: PostgreSQL refused one of its values
 * (SQLSTATE class 22, a data exception: a number out of range, a NUL in text...). Anything else may pass on
 * the next try: a timeout, a dropped connection, a deadlock, a lost race, the database restarting, and our
 * own mistakes too (Prisma refusing what the code passed it), which a fix deployed later can still apply.
 */
export function failsEveryTime(e: unknown): boolean {
  return postgresError(e)?.code.startsWith("22") ?? false;
}

/** An error in one short line for a verdict's reason: PostgreSQL's own words when it raised it. */
export function errorInWords(e: unknown): string {
  const pg = postgresError(e);
  if (pg) return `${pg.message} (SQLSTATE ${pg.code})`.slice(0, 200);
  const text = e instanceof Error ? e.message.trim().split("\n").at(-1)! : "error";
  return text.slice(0, 200);
}
