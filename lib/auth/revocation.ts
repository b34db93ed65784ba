import "server-only";
import { prisma } from "@/lib/db";
import { SESSION_MAX_AGE_S } from "./config";

/**
 * Sessions are JWT cookies, valid until they expire wherever they are copied to. Signing out remembers the
 * session's id so a copy kept afterwards (another tab, a stolen cookie, a response that raced the sign-out)
 * no longer opens the dashboard.
 */
export async function revokeSession(sid: string, now = new Date()): Promise<void> {
  // No cookie issued for this session outlives this moment plus the session lifetime.
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_S * 1000);
  await prisma.$transaction([
    prisma.revokedSession.createMany({ data: [{ id: sid, expiresAt }], skipDuplicates: true }),
    prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  return (await prisma.revokedSession.count({ where: { id: sid } })) > 0;
}
