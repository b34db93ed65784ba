import "server-only";
import { Client } from "pg";
import { ORDER_CHANGES_CHANNEL } from "./announce";
import { listenUrl } from "./listen-url";
import { readLatestPaidAt, readOrderVersions } from "./versions";

/**
 * How this instance's live streams hear that an order changed: ONE connection LISTENing for the whole
 * instance, or, while it cannot listen, ONE indexed query every POLL_MS for all the orders being watched.
 * Watchers are only told "look again": they re-read and decide whether anything they show changed.
 */

const POLL_MS = 250;
const RELISTEN_MS = 5_000;
// A warm instance with no stream left keeps its listener a little while for the next shopper, then lets go.
const IDLE_CLOSE_MS = 30_000;

type OnChange = () => void;

type Feed = {
  orders: Map<string, Set<OnChange>>;
  paid: Set<OnChange>;
  listener: Client | null;
  connecting: boolean;
  lastListenFailure: number;
  pollTimer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  versions: Map<string, string>;
  latestPaid: string | null | undefined;
};

// Kept on globalThis so Next's dev hot reloads do not open a second listener.
const g = globalThis as unknown as { duka_live_feed?: Feed };
const feed: Feed = (g.duka_live_feed ??= {
  orders: new Map(),
  paid: new Set(),
  listener: null,
  connecting: false,
  lastListenFailure: 0,
  pollTimer: null,
  idleTimer: null,
  versions: new Map(),
  latestPaid: undefined,
});

/** Calls onChange (soon) after each committed change of the order; returns the unsubscribe. */
export function watchOrder(orderId: string, onChange: OnChange): () => void {
  let watchers = feed.orders.get(orderId);
  if (!watchers) feed.orders.set(orderId, (watchers = new Set()));
  watchers.add(onChange);
  wake();
  return () => {
    watchers.delete(onChange);
    if (watchers.size === 0 && feed.orders.get(orderId) === watchers) {
      feed.orders.delete(orderId);
      feed.versions.delete(orderId);
    }
    sleepIfIdle();
  };
}

/** Calls onChange when an order may have been paid (listening: on any order change). */
export function watchPaidOrders(onChange: OnChange): () => void {
  feed.paid.add(onChange);
  wake();
  return () => {
    feed.paid.delete(onChange);
    sleepIfIdle();
  };
}

/** How changes are heard right now, for tests and benchmarks. */
export function liveFeedMode(): "listen" | "poll" | "idle" {
  return feed.listener ? "listen" : feed.pollTimer ? "poll" : "idle";
}

const watcherCount = () => feed.orders.size + feed.paid.size;

function everyWatcher(): OnChange[] {
  return [...[...feed.orders.values()].flatMap((s) => [...s]), ...feed.paid];
}

function tell(watchers: Iterable<OnChange>) {
  for (const onChange of [...watchers]) onChange();
}

function wake() {
  if (feed.idleTimer) clearTimeout(feed.idleTimer);
  feed.idleTimer = null;
  if (feed.listener) return;
  startPolling();
  void tryListening();
}

function sleepIfIdle() {
  if (watcherCount() > 0) return;
  stopPolling();
  if (feed.listener && !feed.idleTimer) {
    feed.idleTimer = setTimeout(() => {
      feed.idleTimer = null;
      if (watcherCount() === 0) closeListener();
    }, IDLE_CLOSE_MS);
    feed.idleTimer.unref();
  }
}

async function tryListening() {
  const url = listenUrl();
  if (!url || feed.connecting || Date.now() - feed.lastListenFailure < RELISTEN_MS) return;
  feed.connecting = true;
  const client = new Client({ connectionString: url, keepAlive: true, application_name: "duka-live" });
  client.on("notification", ({ channel, payload }) => {
    if (channel !== ORDER_CHANGES_CHANNEL || !payload) return;
    tell(feed.orders.get(payload) ?? []);
    tell(feed.paid);
  });
  client.on("error", () => lost(client));
  client.on("end", () => lost(client));
  try {
    await client.connect();
    await client.query(`LISTEN ${ORDER_CHANGES_CHANNEL}`);
    feed.listener = client;
    stopPolling();
    // Changes made before LISTEN took effect were not announced to us: everyone looks again.
    tell(everyWatcher());
    if (watcherCount() === 0) sleepIfIdle();
  } catch (e) {
    console.error(`[live] cannot LISTEN, polling every ${POLL_MS} ms:`, e instanceof Error ? e.message : e);
    feed.lastListenFailure = Date.now();
    void client.end().catch(() => {});
  } finally {
    feed.connecting = false;
  }
}

/** The listener died: poll (and look again, since notifications may have been missed) until it is back. */
function lost(client: Client) {
  if (feed.listener !== client) return;
  feed.listener = null;
  feed.lastListenFailure = Date.now();
  void client.end().catch(() => {});
  if (watcherCount() === 0) return;
  tell(everyWatcher());
  wake();
}

function closeListener() {
  const client = feed.listener;
  feed.listener = null;
  void client?.end().catch(() => {});
}

function startPolling() {
  if (feed.pollTimer || watcherCount() === 0) return;
  const tick = async () => {
    try {
      await pollOnce();
    } catch (e) {
      console.error("[live] poll failed:", e instanceof Error ? e.message : e);
    }
    if (feed.pollTimer !== run) return; // stopped (or restarted) meanwhile
    if (Date.now() - feed.lastListenFailure >= RELISTEN_MS) void tryListening();
    run = setTimeout(tick, POLL_MS);
    feed.pollTimer = run;
  };
  let run = setTimeout(tick, 0);
  feed.pollTimer = run;
}

function stopPolling() {
  if (feed.pollTimer) clearTimeout(feed.pollTimer);
  feed.pollTimer = null;
}

async function pollOnce() {
  const ids = [...feed.orders.keys()];
  if (ids.length > 0) {
    for (const { id, version } of await readOrderVersions(ids)) {
      // A first sighting counts as a change: the watcher may have read just before it.
      if (feed.versions.get(id) === version) continue;
      feed.versions.set(id, version);
      tell(feed.orders.get(id) ?? []);
    }
  }
  if (feed.paid.size > 0) {
    const latest = await readLatestPaidAt();
    if (latest !== feed.latestPaid) {
      feed.latestPaid = latest;
      tell(feed.paid);
    }
  }
}
