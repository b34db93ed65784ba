import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { hashPassword } from "./credentials";
import { startOwnerResetGrace } from "./login-throttle";

export type OwnerReset = { ok: true; email: string; password: string } | { ok: false; message: string };

/**
 * The owner's way back in that no visitor can block: run where the app is deployed (it needs the database),
 * it sets a new password, lifts every lock on the account and lets only the per-network limit apply for an
 * hour, so guesses from elsewhere cannot keep the owner out.
 */
export async function resetOwner(email: string, password?: string): Promise<OwnerReset> {
  const owner = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!owner || owner.role !== "OWNER") return { ok: false, message: `No owner account ${email}.` };
  const next = password ?? randomBytes(15).toString("base64url");
  if (next.length < 8) return { ok: false, message: "The new password needs at least 8 characters." };
  await prisma.user.update({
    where: { id: owner.id },
    data: { passwordHash: await hashPassword(next), disabled: false, sessionsValidFrom: new Date() },
  });
  await startOwnerResetGrace(owner.email);
  return { ok: true, email: owner.email, password: next };
}
