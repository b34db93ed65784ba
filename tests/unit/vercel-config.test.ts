import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STOCK_SUMMARY_HOUR_EAT, stockSummaryDay } from "@/lib/notifications/stock-summary-day";

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

  it("runs in the morning hour of the stock summary (EAT), so a shop nobody visits still gets it", () => {
    for (const cron of config.crons ?? []) {
      const eatHour = (Number(cron.schedule.split(/\s+/)[1]) + 3) % 24;
      expect(eatHour, cron.schedule).toBe(STOCK_SUMMARY_HOUR_EAT);
    }
  });

  it("falls inside the summary's morning window wherever in its hour Hobby runs it", () => {
    for (const cron of config.crons ?? []) {
      const utcHour = String(cron.schedule.split(/\s+/)[1]).padStart(2, "0");
      for (const minute of ["00:00", "30:00", "59:59"])
        expect(stockSummaryDay(new Date(`2026-12-07T${utcHour}:${minute}Z`)), cron.schedule).toBe(
          "2026-12-07",
        );
    }
  });

  it("still calls the reconcile route, and migrates before it builds", () => {
    expect(config.crons?.map((c) => c.path)).toEqual(["/api/cron/reconcile"]);
    expect(config.buildCommand).toMatch(/^prisma migrate deploy && /);
  });
});
