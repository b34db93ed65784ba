import "server-only";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { prisma } from "@/lib/db";

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;

const input = z.object({ email: z.email().trim().toLowerCase(), password: z.string().min(1).max(200) });

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("duka-no-such-user", 10);

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string; role: "OWNER" | "STAFF" } }
  | { ok: false; reason: "invalid" | "throttled" };

const throttleKey = (email: string) => `login:${email}`;

async function failuresInWindow(email: string): Promise<number> {
  const row = await prisma.rateLimitCounter.findUnique({ where: { key: throttleKey(email) } });
  if (!row || row.windowStart.getTime() < Date.now() - LOGIN_WINDOW_MINUTES * 60_000) return 0;
  return row.count;
}

/** Counts a failure in a fixed 15-minute window, atomically, so parallel guesses are all counted. */
async function recordFailure(email: string): Promise<number> {
  const rows = await prisma.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${throttleKey(email)}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" < now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})
                THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" < now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})
                THEN now() ELSE "RateLimitCounter"."windowStart" END
    RETURNING "count", "windowStart"`;
  const row = rows[0];
  if (!row) return 0;
  if (row.count >= LOGIN_MAX_FAILURES) {
    // Mirrored on the account so the owner sees it on the staff page (resetting the password clears it).
    await prisma.user.updateMany({
      where: { email },
      data: {
        failedLogins: row.count,
        lockedUntil: new Date(row.windowStart.getTime() + LOGIN_WINDOW_MINUTES * 60_000),
      },
    });
  } else {
    await prisma.user.updateMany({ where: { email }, data: { failedLogins: row.count } });
  }
  return row.count;
}

export async function clearLoginFailures(email: string) {
  await prisma.rateLimitCounter.deleteMany({ where: { key: throttleKey(email) } });
  await prisma.user.updateMany({ where: { email }, data: { failedLogins: 0, lockedUntil: null } });
}

/**
 * Checks an email and password. Throttled per account (known or not, so the answer never tells which
 * emails exist): after 5 failures in 15 minutes every attempt is refused without looking at the password.
 */
export async function checkCredentials(raw: unknown): Promise<CredentialCheck> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  if ((await failuresInWindow(email)) >= LOGIN_MAX_FAILURES) return { ok: false, reason: "throttled" };

  const user = await prisma.user.findUnique({ where: { email } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabled) {
    const failures = await recordFailure(email);
    return { ok: false, reason: failures > LOGIN_MAX_FAILURES ? "throttled" : "invalid" };
  }
  await clearLoginFailures(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export const hashPassword = (password: string) => bcrypt.hash(password, 10);
