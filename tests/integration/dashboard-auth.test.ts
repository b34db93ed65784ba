import bcrypt from "bcryptjs";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { resetShop } from "./support/database";

// next-auth's auth() reads the request's cookie; here it answers with whatever JWT the test sets.
const jwt = vi.hoisted(() => ({ sub: null as string | null, sid: "session-1", signedInAt: Date.now() }));
vi.mock("@/auth", () => ({
  auth: async () => (jwt.sub ? { user: { id: jwt.sub }, sid: jwt.sid, signedInAt: jwt.signedInAt } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { checkCredentials, LOGIN_MAX_FAILURES } = await import("@/lib/auth/credentials");
const { getSessionUser } = await import("@/lib/auth/session");
const { revokeSession } = await import("@/lib/auth/revocation");
const { resetStaffPassword } = await import("@/lib/dashboard/staff-actions");

let staffId: string;

beforeAll(async () => {
  await resetShop();
  const s = await prisma.user.create({
    data: {
      email: "kim@duka.test",
      name: "Kim",
      role: "STAFF",
      passwordHash: await bcrypt.hash("kim-password-1", 10),
    },
  });
  staffId = s.id;
});

beforeEach(async () => {
  await prisma.rateLimitCounter.deleteMany();
  await prisma.user.update({
    where: { id: staffId },
    data: { disabled: false, failedLogins: 0, lockedUntil: null, sessionsValidFrom: null },
  });
  jwt.sid = "session-1";
  jwt.signedInAt = Date.now() - 60_000;
  await prisma.revokedSession.deleteMany();
});

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    expect(await checkCredentials({ email: "KIM@duka.test", password: "kim-password-1" })).toMatchObject({
      ok: true,
      user: { id: staffId, role: "STAFF" },
    });
  });

  it("gives the same answer for a wrong password, an unknown email and a disabled account", async () => {
    expect(await checkCredentials({ email: "kim@duka.test", password: "nope" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await checkCredentials({ email: "nobody@duka.test", password: "nope" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    await prisma.user.update({ where: { id: staffId }, data: { disabled: true } });
    expect(await checkCredentials({ email: "kim@duka.test", password: "kim-password-1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it(`throttles after ${5} failures in 15 minutes, even for the right password, and marks the account locked`, async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect(await checkCredentials({ email: "kim@duka.test", password: `wrong-${i}` })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await checkCredentials({ email: "kim@duka.test", password: "kim-password-1" })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: staffId } })).lockedUntil).not.toBeNull();
    // Other accounts are not affected.
    expect(await checkCredentials({ email: "owner@duka.test", password: "duka-owner-123" })).toMatchObject({
      ok: true,
    });
  });

  it("counts parallel guesses too", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        checkCredentials({ email: "kim@duka.test", password: `guess-${i}` }),
      ),
    );
    expect(await checkCredentials({ email: "kim@duka.test", password: "kim-password-1" })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("starts a fresh window after 15 minutes", async () => {
    await prisma.rateLimitCounter.create({
      data: { key: "login:kim@duka.test", windowStart: new Date(Date.now() - 16 * 60_000), count: 9 },
    });
    expect(await checkCredentials({ email: "kim@duka.test", password: "kim-password-1" })).toMatchObject({
      ok: true,
    });
  });
});

describe("getSessionUser", () => {
  it("re-reads the account: a disabled or deleted user's JWT stops working at once", async () => {
    jwt.sub = staffId;
    expect(await getSessionUser()).toMatchObject({ id: staffId, role: "STAFF" });
    await prisma.user.update({ where: { id: staffId }, data: { disabled: true } });
    expect(await getSessionUser()).toBeNull();
    jwt.sub = "no-such-user";
    expect(await getSessionUser()).toBeNull();
    jwt.sub = null;
    expect(await getSessionUser()).toBeNull();
  });

  it("a signed-out session stops working, even from a copy of its cookie; the user's other sessions go on", async () => {
    jwt.sub = staffId;
    jwt.sid = "laptop";
    expect(await getSessionUser()).toMatchObject({ id: staffId });
    await revokeSession("laptop");
    await revokeSession("laptop"); // signing out twice is fine
    expect(await getSessionUser()).toBeNull();
    jwt.sid = "phone";
    expect(await getSessionUser()).toMatchObject({ id: staffId });
  });

  it("refuses a session token without a session id", async () => {
    jwt.sub = staffId;
    jwt.sid = "";
    expect(await getSessionUser()).toBeNull();
  });

  it("forgets revocations once the cookies they stop could no longer be valid", async () => {
    const day = 24 * 3600_000;
    await revokeSession("old", new Date(Date.now() - 2 * day));
    await revokeSession("new");
    expect((await prisma.revokedSession.findMany({ select: { id: true } })).map((r) => r.id)).toEqual([
      "new",
    ]);
  });
});

describe("a password reset by the owner", () => {
  it("signs out every session of that staff member opened before it; a new sign-in works", async () => {
    const owner = await prisma.user.findFirstOrThrow({ where: { role: "OWNER" } });
    jwt.sub = staffId;
    jwt.sid = "kim-phone";
    jwt.signedInAt = Date.now() - 60_000;
    expect(await getSessionUser()).toMatchObject({ id: staffId });

    Object.assign(jwt, { sub: owner.id, sid: "owner-laptop", signedInAt: Date.now() });
    const form = new FormData();
    form.set("id", staffId);
    form.set("password", "a-brand-new-password");
    expect(await resetStaffPassword(null, form)).toMatchObject({ ok: true });

    // The staff member's old cookie (on a phone they lost, or kept after leaving) no longer opens anything.
    Object.assign(jwt, { sub: staffId, sid: "kim-phone", signedInAt: Date.now() - 60_000 });
    expect(await getSessionUser()).toBeNull();
    // A cookie from before this rule carried no sign-in time: also refused once a reset happened.
    Object.assign(jwt, { sub: staffId, sid: "kim-old", signedInAt: undefined });
    expect(await getSessionUser()).toBeNull();
    // Signing in again with the new password gives a session that works; the owner's own is untouched.
    Object.assign(jwt, { sub: staffId, sid: "kim-new", signedInAt: Date.now() + 1 });
    expect(await getSessionUser()).toMatchObject({ id: staffId });
    Object.assign(jwt, { sub: owner.id, sid: "owner-laptop", signedInAt: Date.now() - 1000 });
    expect(await getSessionUser()).toMatchObject({ id: owner.id });
  });
});
