"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Reads the page again every few seconds while it is mounted (at most `forMs`): a page mounts it while
 * something it shows waits on the outside world, and unmounts it once nothing does. The order page while a
 * refund waits for M-Pesa's result (the card turns Done or Failed without a reload); the notification
 * settings while a test message is queued or sending (it turns Sent). Forms on the page keep what they show.
 */
export function RefreshWhileWaiting({
  everyMs = 3_000,
  forMs = 120_000,
}: {
  everyMs?: number;
  forMs?: number;
}) {
  const router = useRouter();
  useEffect(() => {
    const until = Date.now() + forMs;
    const timer = setInterval(() => {
      if (Date.now() > until) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs, forMs]);
  return null;
}
