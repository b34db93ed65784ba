"use client";

import { createContext, use, useEffect, useState, useSyncExternalStore } from "react";

/**
 * The server's clock as the page knows it. Deadlines come from the server; a phone whose clock is minutes
 * off would otherwise hold "Try again" back too long, or offer it too early. `offsetMs`: how far the
 * server's clock is ahead of this device's. `shownAt`: the server's time in the view on screen (its
 * serverTime), the same number in the server's HTML and in the browser.
 */
export const ServerClock = createContext({ offsetMs: 0, shownAt: 0 });

export const clockOffsetFrom = (serverTime: string) => Date.parse(serverTime) - Date.now();

const noSubscription = () => () => {};

/** False while React renders the server's HTML and hydrates it, true from then on (and on later mounts). */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/**
 * The server's current time, ticking every second while a countdown is on screen. Until the page is
 * hydrated it is the view's own time, as on the server: reading the clock again in the browser would draw
 * a countdown a second off the server's HTML whenever the two reads straddle a second (a hydration error).
 */
export function useNow(active: boolean): number {
  const { offsetMs, shownAt } = use(ServerClock);
  const hydrated = useHydrated();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return hydrated ? now + offsetMs : shownAt;
}

export function secondsUntil(iso: string | null, now: number): number {
  return iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : 0;
}

export function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
