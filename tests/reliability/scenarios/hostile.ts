/**
 * Hostile visitors over HTTP against the production build: forwarding headers rotated on every request
 * (they must not buy a fresh address), a parallel burst of sign-in guesses with the right password hidden
 * in it, and a flood of 64 KB posts to made-up callback URLs (storage must stay small).
 */
import { randomBytes, randomInt } from "node:crypto";
import bcrypt from "bcryptjs";
import { prisma } from "@/lib/db";
import type { Stack } from "../support/stack";
import { mapLimit } from "../support/shop";
import { Tally } from "../support/tally";

const rotated = () => {
  const ip = `196.201.${randomInt(212, 215)}.${randomInt(1, 255)}`;
  return { "x-forwarded-for": ip, "x-real-ip": ip, "x-vercel-forwarded-for": ip };
};

const tableBytes = async () =>
  Number(
    (await prisma.$queryRaw<{ size: bigint }[]>`SELECT pg_total_relation_size('"CallbackEvent"') AS size`)[0]!
      .size,
  );

/** Signs in through next-auth's credentials endpoint as a browser form would; true when it signed in. */
async function signIn(appUrl: string, email: string, password: string): Promise<boolean> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`, { headers: rotated() });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const answer = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...rotated() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${appUrl}/dashboard` }),
  });
  return answer.headers.getSetCookie().some((c) => c.includes("session-token="));
}

export async function hostile(stack: Stack, floodPosts: number): Promise<Tally> {
  const tally = new Tally("hostile");

  // Unknown-token flood with rotated headers: answered, barely stored. A fresh window (the forgery
  // scenario's unknown tokens may have filled this one), so the cap is measured, not just its leftovers.
  await prisma.rateLimitCounter.deleteMany({ where: { key: { startsWith: "callback:rejected:" } } });
  const before = await tableBytes();
  const since = new Date();
  const junk = JSON.stringify({ Body: { stkCallback: { ResultDesc: "x".repeat(64 * 1024 - 60) } } });
  const t0 = Date.now();
  const statuses = await mapLimit(Array.from({ length: floodPosts }), 16, async () => {
    const response = await fetch(
      `${stack.app.url}/api/payments/callback/${randomBytes(24).toString("hex")}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", ...rotated() },
        body: junk,
      },
    );
    await response.arrayBuffer();
    return response.status;
  });
  const floodSeconds = (Date.now() - t0) / 1000;
  const grown = (await tableBytes()) - before;
  const stored = await prisma.callbackEvent.count({ where: { receivedAt: { gte: since } } });
  const sources = await prisma.callbackEvent.groupBy({
    by: ["sourceIp"],
    where: { receivedAt: { gte: since } },
  });
  statuses.forEach((s) => tally.unit([s !== 200 && `flood post answered HTTP ${s}`]));
  const budget = (2 * 1024 * 1024 * floodPosts) / 1000;
  tally.invariant(
    grown < budget,
    `${floodPosts} posts grew CallbackEvent by ${grown} bytes (budget ${budget})`,
  );
  tally.invariant(
    sources.length === 1 && sources[0]!.sourceIp === "127.0.0.1",
    `rotated headers were taken as sources: ${sources.map((s) => s.sourceIp).join(", ")}`,
  );
  tally.note(
    `unknown-token flood: ${floodPosts} posts of 64 KB with rotated forwarding headers in ${floodSeconds.toFixed(1)} s (${(floodPosts / floodSeconds).toFixed(0)}/s); ${stored} noted, CallbackEvent grew ${(grown / 1024).toFixed(0)} KiB; sources seen: ${sources.map((s) => s.sourceIp).join(", ")}`,
  );

  // Parallel sign-in burst, the right password at #25 and #40, every request claiming another address.
  const email = `rel-${randomBytes(4).toString("hex")}@duka.test`;
  const password = `right-${randomBytes(6).toString("hex")}`;
  await prisma.user.create({
    data: { email, name: "Reliability owner", role: "OWNER", passwordHash: await bcrypt.hash(password, 10) },
  });
  const t1 = Date.now();
  const burst = await mapLimit(Array.from({ length: 60 }), 60, (_, i) =>
    signIn(stack.app.url, email, i === 24 || i === 39 ? password : `wrong-${i}`),
  );
  const burstSeconds = (Date.now() - t1) / 1000;
  const signedIn = burst.filter(Boolean).length;
  tally.invariant(signedIn === 0, `${signedIn} of the burst's guesses signed in`);
  const counter = await prisma.rateLimitCounter.findUnique({ where: { key: `login:${email}:127.0.0.1` } });
  tally.invariant(
    (counter?.count ?? 0) <= 5,
    `${counter?.count} passwords looked at from one network (at most 5 allowed)`,
  );
  tally.note(
    `sign-in burst: 60 parallel guesses in ${burstSeconds.toFixed(1)} s, ${signedIn} signed in, ${counter?.count ?? 0} passwords looked at (all counted under 127.0.0.1)`,
  );
  return tally;
}
