import "server-only";

/** Where a stream writes: one JSON message per `send`, until it (or the client) closes. */
export type EventSink = { send(data: unknown): void; close(): void; readonly closed: boolean };

// Proxies and load balancers drop connections that stay silent for about a minute.
const HEARTBEAT_MS = 15_000;
// What the browser's EventSource waits before reconnecting after the stream ends.
const RECONNECT_MS = 1_000;

const encoder = new TextEncoder();

/**
 * A `text/event-stream` response. `follow` starts feeding the sink and returns what to undo when the stream
 * ends, whichever ends it: `follow` itself, the client going away, or the lifetime running out (set it under
 * the platform's function time limit; the browser then reconnects).
 */
export function eventStreamResponse(
  follow: (sink: EventSink) => () => void,
  { lifetimeMs, signal }: { lifetimeMs: number; signal?: AbortSignal },
): Response {
  let closed = false;
  let undo = () => {};
  const timers: NodeJS.Timeout[] = [];
  const end = () => {
    if (closed) return false;
    closed = true;
    timers.forEach(clearTimeout);
    signal?.removeEventListener("abort", onAbort);
    undo();
    return true;
  };
  const onAbort = () => end();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (end()) controller.close();
      };
      const sink: EventSink = {
        send: (data) => write(`data: ${JSON.stringify(data)}\n\n`),
        close,
        get closed() {
          return closed;
        },
      };
      write(`retry: ${RECONNECT_MS}\n\n`);
      timers.push(setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS));
      timers.push(setTimeout(close, lifetimeMs));
      signal?.addEventListener("abort", onAbort);
      const stop = follow(sink);
      if (closed) stop();
      else undo = stop;
    },
    cancel() {
      end();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: Next's gzip (and proxies) would otherwise hold events back to fill a buffer.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
