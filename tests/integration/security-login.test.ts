/** The sign-in throttle under parallel bursts and from many networks, and the owner's way back in. */
import bcrypt from "bcryptjs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { checkCredentials, LOGIN_MAX_FAILURES } from "@/lib/auth/credentials";
import { LOGIN_ACCOUNT_CEILING } from "@/lib/auth/login-throttle";
import { resetOwner } from "@/lib/auth/owner-reset";
import { resetShop } from "./support/database";

const OWNER = "owner@duka.test";
const OWNER_PASSWORD = "duka-owner-123";

beforeAll(() => resetShop());
beforeEach(async () => {
  await prisma.rateLimitCounter.deleteMany();
  await prisma.user.update({
    where: { email: OWNER },
    data: { passwordHash: await bcrypt.hash(OWNER_PASSWORD, 10), failedLogins: 0, lockedUntil: null },
  });
});

const guess = (password: string, ip: string | null) => checkCredentials({ email: OWNER, password }, ip);

describe("sign-in throttle", () => {
  it("looks at no more than 5 passwords of a 60-guess parallel burst: the right one at #25 and #40 does not sign in", async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        guess(i === 24 || i === 39 ? OWNER_PASSWORD : `wrong-${i}`, "41.90.1.2"),
      ),
    );
    const evaluated = results.filter((r) => r.ok || r.reason === "invalid");
    expect(evaluated.length).toBeLessThanOrEqual(LOGIN_MAX_FAILURES);
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(await guess(OWNER_PASSWORD, "41.90.1.2")).toEqual({ ok: false, reason: "throttled" });
  });

  it("locks the guessing network, not the owner's own", async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await guess(`wrong-${i}`, "102.68.1.1");
    expect(await guess(OWNER_PASSWORD, "102.68.1.1")).toEqual({ ok: false, reason: "throttled" });
    expect(await guess(OWNER_PASSWORD, "41.90.7.7")).toMatchObject({ ok: true });
  });

  it("holds a ceiling across networks, which `npm run owner:reset` lifts for the owner while guessing goes on", async () => {
    const attackers = Array.from({ length: LOGIN_ACCOUNT_CEILING }, (_, i) => `198.51.${i >> 8}.${i & 255}`);
    for (const ip of attackers) await guess("wrong", ip);
    expect(await guess(OWNER_PASSWORD, "41.90.7.7")).toEqual({ ok: false, reason: "throttled" });
    expect(await guess("wrong", "203.0.113.1")).toEqual({ ok: false, reason: "throttled" });

    const reset = await resetOwner(OWNER);
    if (!reset.ok) throw new Error(reset.message);
    expect(reset.password).not.toBe(OWNER_PASSWORD);
    // The attack goes on from fresh networks; each is still held to 5 tries, and the owner gets in.
    for (let i = 0; i < 20; i++) await guess("wrong-again", `203.0.113.${i}`);
    expect(await guess(OWNER_PASSWORD, "41.90.7.7")).toEqual({ ok: false, reason: "invalid" });
    expect(await guess(reset.password, "41.90.7.7")).toMatchObject({ ok: true, user: { role: "OWNER" } });
  });

  it("refuses to reset anyone but an owner", async () => {
    expect(await resetOwner("nobody@duka.test")).toEqual({
      ok: false,
      message: "No owner account nobody@duka.test.",
    });
  });
});
