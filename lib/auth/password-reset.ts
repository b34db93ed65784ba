import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { notifications } from "@/lib/notifications/context";
import { toE164 } from "@/lib/notifications/recipients";
import { hashPassword } from "./credentials";
import { clearLoginFailures, loginNetwork, take } from "./login-throttle";

/**
 * "Forgot password?": a one-time link by email (and SMS when the account has a phone), valid 30 minutes,
 * used once; asking is rate limited per account and per network. Setting a new password ends every session
 * of the account. Only the token's SHA-256 is stored; the link itself is sent, never kept.
 */
export const RESET_LINK_MINUTES = 30;
export const RESETS_PER_ACCOUNT_PER_HOUR = 3;
export const RESETS_PER_NETWORK_PER_HOUR = 10;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const resetPath = (token: string) => `/login/reset/${token}`;

export type ResetRequest = { ok: true } | { ok: false; reason: "rate_limited" };

/** Sends a link if the email names an active account; the answer never says whether it does. */
export async function requestPasswordReset(
  email: string,
  ip: string | null,
  now = new Date(),
): Promise<ResetRequest> {
  const address = email.trim().toLowerCase();
  if (!(await take(`reset:net:${loginNetwork(ip)}`, RESETS_PER_NETWORK_PER_HOUR, 60)))
    return { ok: false, reason: "rate_limited" };
  if (!(await take(`reset:${address}`, RESETS_PER_ACCOUNT_PER_HOUR, 60)))
    return { ok: false, reason: "rate_limited" };
  const user = await prisma.user.findUnique({ where: { email: address } });
  if (!user || user.disabled) return { ok: true };

  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction([
    // Only the newest link works.
    prisma.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } }),
    prisma.passwordReset.create({
      data: {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
      },
    }),
  ]);
  await sendResetLink(user, `${notifications().publicUrl}${resetPath(token)}`);
  return { ok: true };
}

async function sendResetLink(user: { email: string; name: string; phone: string | null }, link: string) {
  const { email, sms, shopName } = notifications();
  const lines = [
    `Hello ${user.name},`,
    "",
    `Someone (hopefully you) asked to reset the password of your ${shopName} dashboard.`,
    `Open this link within ${RESET_LINK_MINUTES} minutes to choose a new password. It works once:`,
    link,
    "",
    "If it was not you, ignore this message: your password stays as it is.",
  ];
  // A failed send is not retried from the outbox (the link is never stored): the seller asks again.
  await email?.send({ to: user.email, subject: `Reset your ${shopName} password`, text: lines.join("\n") });
  const phone = user.phone ? toE164(user.phone) : null;
  if (phone && sms)
    await sms.send({
      to: phone,
      text: `${shopName}: reset your password within ${RESET_LINK_MINUTES} min (one use): ${link}`,
    });
}

export type LinkState = { ok: true; email: string } | { ok: false; reason: "unknown" | "expired" | "used" };

/** What a link is worth now, to show the right page before the new password is typed. */
export async function checkResetLink(token: string, now = new Date()): Promise<LinkState> {
  const row = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true, disabled: true } } },
  });
  if (!row || row.user.disabled) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, email: row.user.email };
}

/** Uses the link once: sets the password, lifts login locks, and ends every session of the account. */
export async function resetPasswordWithLink(
  token: string,
  password: string,
  now = new Date(),
): Promise<LinkState> {
  const tokenHash = hashToken(token);
  const passwordHash = await hashPassword(password);
  const used = await prisma.$transaction(async (tx) => {
    const row = await tx.passwordReset.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, user: { select: { disabled: true } } },
    });
    if (!row || row.user.disabled) return null;
    // The condition makes the link single-use even when two tabs submit at once.
    const { count } = await tx.passwordReset.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) return null;
    return tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, sessionsValidFrom: now },
      select: { email: true },
    });
  });
  if (!used) return checkResetLink(token, now).then((s) => (s.ok ? { ok: false, reason: "unknown" } : s));
  await clearLoginFailures(used.email);
  return { ok: true, email: used.email };
}

/** Why a link cannot be used, in the seller's words. */
export function linkProblem(state: Exclude<LinkState, { ok: true }>): string {
  if (state.reason === "expired")
    return "This link has expired (links work for 30 minutes). Ask for a new one.";
  if (state.reason === "used")
    return "This link was already used. Ask for a new one if you still need to reset your password.";
  return "This link is not valid. Ask for a new one.";
}
