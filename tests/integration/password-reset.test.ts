/** "Forgot password?": the link over real SMTP and SMS (the emulator's stand-ins), one use, 30 minutes. */
import "./support/embedded-db-pool";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/emulator";
import { checkCredentials } from "@/lib/auth/credentials";
import {
  RESETS_PER_ACCOUNT_PER_HOUR,
  RESET_LINK_MINUTES,
  checkResetLink,
  requestPasswordReset,
  resetPasswordWithLink,
} from "@/lib/auth/password-reset";
import { prisma } from "@/lib/db";
import { configureNotifications } from "@/lib/notifications/context";
import { resetShop } from "./support/database";
import { TEST_SHOP, localGateways } from "./support/notifications";

// next-auth's auth() reads the request's cookie; here it answers with the session the test sets.
const jwt = vi.hoisted(() => ({
  current: null as null | { userId: string; sid: string; signedInAt: number },
}));
vi.mock("@/auth", () => ({
  auth: async () =>
    jwt.current && {
      user: { id: jwt.current.userId },
      sid: jwt.current.sid,
      signedInAt: jwt.current.signedInAt,
    },
}));
const { getSessionUser } = await import("@/lib/auth/session");
/** The dashboard's user for a session cookie (getSessionUser caches per request; each call here is one). */
const sessionUser = async (session: { userId: string; sid: string; signedInAt: number }) => {
  jwt.current = session;
  return getSessionUser();
};

const OWNER = "owner@duka.test";
const OWNER_PHONE = "254712000777";
let emulator: EmulatorHandle;

beforeAll(async () => {
  await resetShop();
  emulator = await startEmulator({ port: 0, quiet: true });
  configureNotifications(localGateways(emulator));
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  emulator.inbox.clear();
  await prisma.rateLimitCounter.deleteMany();
  await prisma.passwordReset.deleteMany();
  await prisma.user.update({
    where: { email: OWNER },
    data: {
      phone: OWNER_PHONE,
      passwordHash: await bcrypt.hash("duka-owner-123", 10),
      sessionsValidFrom: null,
    },
  });
});

/** The token of the last link sent to `to`, read from the message as the seller would. */
async function linkSentTo(to: string): Promise<string> {
  await expect.poll(() => emulator.inbox.list(to).length).toBeGreaterThan(0);
  const text = emulator.inbox.list(to).at(-1)!.text;
  const match = text.match(new RegExp(`${TEST_SHOP.publicUrl}/login/reset/([A-Za-z0-9_-]+)`));
  expect(match, text).not.toBeNull();
  return match![1]!;
}

describe("password reset link", () => {
  it("comes by email and SMS, sets the password once, and ends every earlier session", async () => {
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: OWNER } });
    const before = { userId: owner.id, sid: "phone-session", signedInAt: Date.now() - 60_000 };
    expect(await sessionUser(before)).toMatchObject({ email: OWNER });

    expect(await requestPasswordReset(OWNER, "41.90.1.1")).toEqual({ ok: true });
    const token = await linkSentTo(OWNER);
    expect(await linkSentTo(`+${OWNER_PHONE}`)).toBe(token);
    expect(emulator.inbox.list(OWNER)[0]!.subject).toBe(`Reset your ${TEST_SHOP.shopName} password`);
    expect(await checkResetLink(token)).toEqual({ ok: true, email: OWNER });

    expect(await resetPasswordWithLink(token, "a-new-password-9")).toEqual({ ok: true, email: OWNER });
    expect(await sessionUser(before)).toBeNull();
    expect(await sessionUser({ ...before, sid: "after", signedInAt: Date.now() + 1 })).toMatchObject({
      email: OWNER,
    });
    expect(await checkCredentials({ email: OWNER, password: "a-new-password-9" }, "41.90.1.1")).toMatchObject(
      {
        ok: true,
      },
    );
    expect(await checkCredentials({ email: OWNER, password: "duka-owner-123" }, "41.90.1.1")).toMatchObject({
      ok: false,
    });

    // Reused: refused, and the password stays the one set.
    expect(await resetPasswordWithLink(token, "attacker-password-1")).toEqual({ ok: false, reason: "used" });
    expect(await checkResetLink(token)).toEqual({ ok: false, reason: "used" });
    expect(await checkCredentials({ email: OWNER, password: "a-new-password-9" }, "41.90.1.2")).toMatchObject(
      {
        ok: true,
      },
    );
  });

  it("expires after 30 minutes, changing nothing", async () => {
    const asked = new Date();
    await requestPasswordReset(OWNER, "41.90.1.1", asked);
    const token = await linkSentTo(OWNER);
    const late = new Date(asked.getTime() + RESET_LINK_MINUTES * 60_000 + 1000);
    expect(await checkResetLink(token, new Date(asked.getTime() + 29 * 60_000))).toMatchObject({ ok: true });
    expect(await checkResetLink(token, late)).toEqual({ ok: false, reason: "expired" });
    expect(await resetPasswordWithLink(token, "a-new-password-9", late)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await checkCredentials({ email: OWNER, password: "duka-owner-123" }, "41.90.1.1")).toMatchObject({
      ok: true,
    });
  });

  it("is rate limited per account, and only the newest link works", async () => {
    const tokens: string[] = [];
    for (let i = 0; i < RESETS_PER_ACCOUNT_PER_HOUR; i++) {
      expect(await requestPasswordReset(OWNER, `41.90.2.${i}`)).toEqual({ ok: true });
      await expect.poll(() => emulator.inbox.list(OWNER).length).toBe(i + 1);
      tokens.push(await linkSentTo(OWNER));
    }
    expect(await requestPasswordReset(OWNER, "41.90.2.99")).toEqual({ ok: false, reason: "rate_limited" });
    expect(emulator.inbox.list(OWNER)).toHaveLength(RESETS_PER_ACCOUNT_PER_HOUR);
    expect(await checkResetLink(tokens[0]!)).toEqual({ ok: false, reason: "used" });
    expect(await checkResetLink(tokens.at(-1)!)).toMatchObject({ ok: true });
  });

  it("says the same for an unknown email and sends nothing; a made-up link is refused", async () => {
    expect(await requestPasswordReset("nobody@duka.test", "41.90.3.1")).toEqual({ ok: true });
    expect(emulator.inbox.list()).toHaveLength(0);
    expect(await resetPasswordWithLink("x".repeat(43), "a-new-password-9")).toEqual({
      ok: false,
      reason: "unknown",
    });
  });
});
