// The owner's Setup page: its checks against the real emulator and database, who may see them, and the
// KES 1 test payment through the whole payment path.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { EmulatorHandle } from "@/emulator";
import type { SellerUser } from "@/lib/auth/session";

// The checks read the configuration once: point Daraja at a port the emulator will take.
const emulatorPort = await vi.hoisted(async () => {
  const { createServer: listen } = await import("node:net");
  const port = await new Promise<number>((resolve) => {
    const probe = listen().listen(0, "127.0.0.1", () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });
  process.env.MPESA_BASE_URL = `http://127.0.0.1:${port}`;
  delete process.env.CRON_SECRET;
  delete process.env.BLOB_READ_WRITE_TOKEN;
  return port;
});
const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { prisma } = await import("@/lib/db");
const { GET: setupApi } = await import("@/app/api/dashboard/setup/route");
const { default: SetupPage } = await import("@/app/dashboard/setup/page");
const { sendTestPayment } = await import("@/lib/setup/test-payment-action");
const { getKpis } = await import("@/lib/dashboard/summary");
const { recordJobRun } = await import("@/lib/setup/job-runs");
const { startPaymentsHarness, readOrder } = await import("./support/payments-harness");
const { resetShop } = await import("./support/database");
const { startEmulator } = await import("@/emulator");

let owner: SellerUser;
let staff: SellerUser;
let harness: Awaited<ReturnType<typeof startPaymentsHarness>>;

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
type Check = { id: string; status: string; detail: string; fix?: string };
async function checks(): Promise<Record<string, Check>> {
  const res = await setupApi();
  expect(res.status).toBe(200);
  const body = (await res.json()) as { checks: Check[] };
  return Object.fromEntries(body.checks.map((c) => [c.id, c]));
}

beforeAll(async () => {
  await resetShop();
  const o = await prisma.user.findFirstOrThrow({ where: { role: "OWNER" } });
  owner = { id: o.id, email: o.email, name: o.name, role: "OWNER" };
  const s = await prisma.user.create({
    data: { email: "staff@duka.test", name: "Staff", passwordHash: "x", role: "STAFF" },
  });
  staff = { id: s.id, email: s.email, name: s.name, role: "STAFF" };
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());
beforeEach(() => {
  session.user = null;
});

describe("who sees the Setup page", () => {
  it("sends anonymous visitors to the login page, and the API answers them 401", async () => {
    await expect(SetupPage()).rejects.toMatchObject({ digest: expect.stringContaining("/login") });
    expect((await setupApi()).status).toBe(401);
  });

  it("refuses STAFF with 403, and shows them the owner-only notice", async () => {
    session.user = staff;
    expect((await setupApi()).status).toBe(403);
    expect(JSON.stringify(await SetupPage())).toContain("see the shop's setup");
  });
});

describe("the owner's checks", () => {
  it("are red for Daraja while the emulator is down, with the fix", async () => {
    session.user = owner;
    const daraja = (await checks()).daraja!;
    expect(daraja).toMatchObject({ status: "problem", fix: expect.stringMatching(/emulator/) });
  });

  it("are green for the database, live Daraja OAuth and local storage on the local stack", async () => {
    session.user = owner;
    let emulator: EmulatorHandle | undefined;
    try {
      emulator = await startEmulator({ port: emulatorPort, quiet: true });
      const c = await checks();
      expect(c.database).toMatchObject({ status: "ok" });
      expect(c.daraja).toMatchObject({ status: "ok" });
      expect(c.storage).toMatchObject({ status: "ok", detail: expect.stringMatching(/^Local folder/) });
      expect(c.callback?.status).not.toBe("problem");
      expect(c.notifications).toMatchObject({
        status: "ok",
        detail: expect.stringMatching(/^SMS through 127.0.0.1/),
      });
      expect(c["last-callback"]).toMatchObject({ status: "info", detail: expect.stringMatching(/None yet/) });
      expect(c.cron).toMatchObject({ status: "info", detail: expect.stringMatching(/Never ran yet/) });
      await recordJobRun("reconcile", new Date("2026-11-29T09:05:00Z"));
      expect((await checks()).cron?.detail).toContain("29 Nov 12:05 EAT");
      // How long ago, in words: with a daily schedule the owner sees at a glance that it still runs.
      await recordJobRun("reconcile", new Date(Date.now() - 3 * 3600_000));
      expect((await checks()).cron?.detail).toMatch(/Last run 3 hours ago/);
    } finally {
      await emulator?.stop();
    }
  });

  it("show a migration the database has not applied", async () => {
    session.user = owner;
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" LIKE '%setup_checks'`;
    try {
      expect((await checks()).database).toMatchObject({
        status: "problem",
        detail: expect.stringContaining("20261129130000_setup_checks"),
      });
    } finally {
      await prisma.$executeRaw`UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "migration_name" LIKE '%setup_checks'`;
    }
  });
});

describe("the KES 1 test payment", () => {
  it("needs the owner's phone (field error) and is refused to STAFF", async () => {
    session.user = owner;
    expect(await sendTestPayment(null, form({ phone: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { phone: ["Enter your M-Pesa phone number"] },
    });
    expect(await sendTestPayment(null, form({ phone: "12345" }))).toMatchObject({
      ok: false,
      fieldErrors: { phone: [expect.stringMatching(/Safaricom number/)] },
    });
    session.user = staff;
    expect(await sendTestPayment(null, form({ phone: "0712345678" }))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await prisma.order.count({ where: { isTest: true } })).toBe(0);
  });

  it("prompts the owner's phone for KES 1, is paid through the emulator, and stays out of revenue", async () => {
    session.user = owner;
    const revenueBefore = await getKpis();
    const result = await sendTestPayment(null, form({ phone: "0722 000 111" }));
    expect(result).toMatchObject({ ok: true, publicId: expect.any(String) });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).phone).toBe("254722000111");
    const prompt = harness.emulator.control.ledger("254722000111").entries.at(-1);
    expect(prompt).toMatchObject({ amount: 1 });

    await harness.emulator.control.pay("254722000111");
    await vi.waitFor(async () => {
      const order = await readOrder((result as { publicId: string }).publicId);
      expect(order).toMatchObject({ status: "PAID", isTest: true, totalKes: 1, needsAttention: false });
    });
    expect(await getKpis()).toEqual(revenueBefore);
  });

  it("respects the per-phone prompt limit", async () => {
    session.user = owner;
    const phone = "0733000222";
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await sendTestPayment(null, form({ phone })));
      await harness.emulator.control.cancel("254733000222").catch(() => undefined);
    }
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results[3]).toMatchObject({
      ok: false,
      fieldErrors: { phone: [expect.stringMatching(/Too many/)] },
    });
  });
});
