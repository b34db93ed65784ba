import pg from "pg";

/**
 * A pg pool whose connections take one query at a time, for @prisma/adapter-pg.
 *
 * Why: Prisma's query interpreter loads the relations of an `include` in parallel. Outside a transaction
 * each query takes its own pooled connection; inside an interactive transaction they all go to the
 * transaction's one connection, and pg (8.x) queues them itself while printing "Calling client.query() when
 * the client is already executing a query is deprecated". Queuing them here keeps the same order and results
 * without leaning on that deprecated queue (removed in pg 9).
 */
export function oneQueryAtATimePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let tail: Promise<unknown> = Promise.resolve();
    client.query = ((...args: unknown[]) => {
      // Callback and submittable forms are not what the adapter uses: leave them as pg has them.
      const first = args[0] as { submit?: unknown } | undefined;
      if (typeof args.at(-1) === "function" || typeof first?.submit === "function") return query(...args);
      const run = tail.then(() => query(...args));
      tail = run.catch(() => undefined);
      return run;
    }) as typeof client.query;
  });
  return pool;
}
