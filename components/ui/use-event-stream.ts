"use client";

import { useEffect, useRef } from "react";

/**
 * Follows a server-sent events URL (null: none) and hands each JSON message to onMessage. onHealth says
 * whether the stream is delivering: callers poll only while it is not (never opened, refused, broken, or
 * reconnecting).
 */
export function useEventStream<T>(
  url: string | null,
  onMessage: (data: T) => void,
  onHealth: (delivering: boolean) => void,
) {
  const handlers = useRef({ onMessage, onHealth });
  useEffect(() => {
    handlers.current = { onMessage, onHealth };
  }, [onMessage, onHealth]);

  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    // Delivering only once a message arrived: a proxy that buffers the stream never gets this far.
    source.onmessage = (event: MessageEvent<string>) => {
      handlers.current.onHealth(true);
      handlers.current.onMessage(JSON.parse(event.data) as T);
    };
    // The browser reconnects by itself unless the answer was not a stream (404, 401): then it stays closed.
    source.onerror = () => handlers.current.onHealth(false);
    return () => {
      source.close();
      handlers.current.onHealth(false);
    };
  }, [url]);
}
