import "server-only";
import { isIP } from "node:net";
import { prisma } from "@/lib/db";

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;
/** Tries per account from all networks together: the ceiling a botnet hits, not the owner's own network. */
export const LOGIN_ACCOUNT_CEILING = 50;
/** After `npm run owner:reset`, only the per-network limit applies for this long. */
export const OWNER_RESET_GRACE_MINUTES = 60;

const accountKey = (email: string) => `login:${email}`;
const networkKey = (email: string, network: string) => `login:${email}:${network}`;
const graceKey = (email: string) => `login-grace:${email}`;

/** The source network of a sign-in: the IPv4 address, or the /64 of an IPv6 one (one household or phone). */
export function loginNetwork(ip: string | null): string {
  if (!ip || isIP(ip) === 0) return "unknown";
  if (isIP(ip) === 4) return ip;
  const groups = ip.split("::")[0]!.split(":");
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/**
 * Takes one try from the counter before the password is looked at; refused (nothing taken) once the
 * window holds `limit` tries. The conditional upsert locks the row, so parallel tries count one by one.
 */
export async function take(
  key: string,
  limit: number,
  windowMinutes = LOGIN_WINDOW_MINUTES,
): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" < now() - make_interval(mins => ${windowMinutes})
                THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" < now() - make_interval(mins => ${windowMinutes})
                THEN now() ELSE "RateLimitCounter"."windowStart" END
    WHERE "RateLimitCounter"."windowStart" < now() - make_interval(mins => ${windowMinutes})
       OR "RateLimitCounter"."count" < ${limit}
    RETURNING "count"`;
  return rows.length > 0;
}

async function inOwnerResetGrace(email: string): Promise<boolean> {
  const row = await prisma.rateLimitCounter.findUnique({ where: { key: graceKey(email) } });
  return !!row && row.windowStart.getTime() > Date.now() - OWNER_RESET_GRACE_MINUTES * 60_000;
}

export type LoginReservation = { allowed: false } | { allowed: true; release(): Promise<void> };

/** Reserves one sign-in try for (account, network); a right password gives it back with release(). */
export async function reserveLoginTry(email: string, network: string): Promise<LoginReservation> {
  if (!(await take(networkKey(email, network), LOGIN_MAX_FAILURES))) {
    await markLocked(email);
    return { allowed: false };
  }
  if (!(await inOwnerResetGrace(email)) && !(await take(accountKey(email), LOGIN_ACCOUNT_CEILING))) {
    await markLocked(email);
    return { allowed: false };
  }
  return {
    allowed: true,
    async release() {
      await prisma.rateLimitCounter.deleteMany({ where: { key: networkKey(email, network) } });
      await prisma.rateLimitCounter.updateMany({
        where: { key: accountKey(email), count: { gt: 0 } },
        data: { count: { decrement: 1 } },
      });
      await prisma.user.updateMany({ where: { email }, data: { failedLogins: 0, lockedUntil: null } });
    },
  };
}

/** Mirrored on the account so the owner sees it on the staff page (resetting the password clears it). */
async function markLocked(email: string) {
  await prisma.user.updateMany({
    where: { email },
    data: {
      failedLogins: LOGIN_MAX_FAILURES,
      lockedUntil: new Date(Date.now() + LOGIN_WINDOW_MINUTES * 60_000),
    },
  });
}

/** Lifts every lock on the account, from all networks. */
export async function clearLoginFailures(email: string) {
  await prisma.rateLimitCounter.deleteMany({
    where: { OR: [{ key: accountKey(email) }, { key: { startsWith: `${accountKey(email)}:` } }] },
  });
  await prisma.user.updateMany({ where: { email }, data: { failedLogins: 0, lockedUntil: null } });
}

/** `npm run owner:reset`: lifts the locks and, for a while, the cross-network ceiling an attacker can fill. */
export async function startOwnerResetGrace(email: string) {
  await clearLoginFailures(email);
  await prisma.rateLimitCounter.upsert({
    where: { key: graceKey(email) },
    create: { key: graceKey(email), windowStart: new Date(), count: 0 },
    update: { windowStart: new Date(), count: 0 },
  });
}
