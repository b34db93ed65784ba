import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type VercelConfig = { crons?: { path: string; schedule: string }[]; buildCommand?: string };
const config = JSON.parse(
  readFileSync(new URL("../../vercel.json", import.meta.url), "utf8"),
) as VercelConfig;

/**
 * Vercel's Hobby (free) plan refuses to deploy a project whose cron runs more than once a day ("Hobby
 * accounts are limited to daily cron jobs"): a fixed minute and a fixed hour, every day at most.
 */
function atMostDaily(schedule: string): boolean {
  const [minute, hour, ...rest] = schedule.trim().split(/\s+/);
  return rest.length === 3 && /^\d{1,2}$/.test(minute ?? "") && /^\d{1,2}$/.test(hour ?? "");
}

describe("vercel.json", () => {
  it("deploys on every plan: no cron more frequent than daily", () => {
    expect(config.crons?.length).toBeGreaterThan(0);
    for (const cron of config.crons ?? []) expect(atMostDaily(cron.schedule), cron.schedule).toBe(true);
  });

  it("tells daily schedules from more frequent ones", () => {
    for (const daily of ["0 3 * * *", "15 23 * * 1", "0 0 1 * *"])
      expect(atMostDaily(daily), daily).toBe(true);
    for (const often of [
      "*/5 * * * *",
      "0 * * * *",
      "0 */6 * * *",
      "0 3,15 * * *",
      "0-5 3 * * *",
      "* 3 * * *",
    ])
      expect(atMostDaily(often), often).toBe(false);
  });

  it("still calls the reconcile route, and migrates before it builds", () => {
    expect(config.crons?.map((c) => c.path)).toEqual(["/api/cron/reconcile"]);
    expect(config.buildCommand).toMatch(/^prisma migrate deploy && /);
  });
});
