"use client";

import { createContext, use, useEffect, useState } from "react";

/**
 * How far the server's clock is ahead of this device's, in ms. Deadlines come from the server; a phone
 * whose clock is minutes off would otherwise hold "Try again" back too long, or offer it too early.
 */
export const ClockOffset = createContext(0);

export const clockOffsetFrom = (serverTime: string) => Date.parse(serverTime) - Date.now();

/** The server's current time, ticking every second while a countdown is on screen. */
export function useNow(active: boolean): number {
  const offset = use(ClockOffset);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now + offset;
}

export function secondsUntil(iso: string | null, now: number): number {
  return iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : 0;
}

export function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
