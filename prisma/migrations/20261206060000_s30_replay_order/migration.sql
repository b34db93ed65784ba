-- Replays of stored callbacks take the longest untouched first (never tried, then tried longest ago), so a
-- callback that keeps failing goes to the back instead of filling every batch ahead of the others.
ALTER TABLE "CallbackEvent" ADD COLUMN "replayedAt" TIMESTAMP(3);
ALTER TABLE "C2bEvent" ADD COLUMN "replayedAt" TIMESTAMP(3);

-- Partial, so schema.prisma needs no line for them (see 20261205190500_i23_dashboard_indexes): only the
-- few rows still waiting to be applied are in them.
CREATE INDEX "CallbackEvent_replay_idx" ON "CallbackEvent" ("replayedAt" NULLS FIRST, "receivedAt")
  WHERE "verdict" = 'RECEIVED';
CREATE INDEX "C2bEvent_replay_idx" ON "C2bEvent" ("replayedAt" NULLS FIRST, "receivedAt")
  WHERE "verdict" = 'RECEIVED' AND "kind" = 'CONFIRMATION';
