/**
 * The embedded PostgreSQL (PGlite) is one database session behind a socket server. Several clients (the app,
 * the reliability runner, psql, Prisma's CLI) must each see their own statements answered as if they had a
 * session of their own: one client's Parse never meets another's Bind, an error in one client's statement
 * never swallows another's, and a transaction left open by a client that went away is rolled back.
 */
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedPg } from "@/scripts/embedded-pg.mjs";

let embedded: Awaited<ReturnType<typeof startEmbeddedPg>>;
let url: string;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function client() {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

beforeAll(async () => {
  const port = await freePort();
  embedded = await startEmbeddedPg({ dir: "memory://", port, shadow: false });
  url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}, 180_000); // PGlite starts in seconds, in a minute on a loaded machine
afterAll(() => embedded?.stop());

/** A statement with `n` parameters (each its own bind value, as Prisma sends an `in` list) and its answer. */
function sumOf(n: number, base: number) {
  const values = Array.from({ length: n }, (_, i) => base + i);
  const text = `SELECT sum(v)::text AS sum FROM unnest(ARRAY[${values.map((_, i) => `$${i + 1}::int`).join(",")}]) v`;
  return { text, values, sum: String(values.reduce((a, b) => a + b, 0)) };
}

it("answers two clients' statements of different shapes, sent at once, each with its own result", async () => {
  const [a, b] = [await client(), await client()];
  try {
    const run = (c: pg.Client, n: number) =>
      Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const q = sumOf(n, i);
          const { rows } = await c.query(q.text, q.values);
          return rows[0].sum === q.sum;
        }),
      );
    const [wide, narrow] = await Promise.all([run(a, 5001), run(b, 10)]);
    expect(wide.every(Boolean) && narrow.every(Boolean)).toBe(true);
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
});

it("keeps one client's failing statements from swallowing another's", async () => {
  const [a, b] = [await client(), await client()];
  try {
    const failing = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        a.query("SELECT 1 / ($1::int - $1::int) AS boom", [i]).then(
          () => "answered",
          (e: Error) => e.message,
        ),
      ),
    );
    const fine = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        b.query("SELECT $1::int * 2 AS twice", [i]).then((r) => r.rows[0].twice),
      ),
    );
    const [errors, answers] = await Promise.all([failing, fine]);
    expect(new Set(errors)).toEqual(new Set(["division by zero"]));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
});

it("runs another client's statements outside a transaction in progress, and rolls back one left open", async () => {
  const setup = await client();
  await setup.query("CREATE TABLE IF NOT EXISTS session_probe (n int)");
  await setup.end();
  const [a, b] = [await client(), await client()];
  try {
    await a.query("BEGIN");
    await a.query("INSERT INTO session_probe VALUES (1)");
    // b's statement waits for a's transaction instead of joining it: it must not see the uncommitted row.
    const seen = b.query("SELECT count(*)::int AS n FROM session_probe");
    await a.query("INSERT INTO session_probe VALUES (2)");
    await a.query("COMMIT");
    expect((await seen).rows[0].n).toBe(2);

    await a.query("BEGIN");
    await a.query("INSERT INTO session_probe VALUES (3)");
    await a.end(); // gone mid-transaction
    expect((await b.query("SELECT count(*)::int AS n FROM session_probe")).rows[0].n).toBe(2);
  } finally {
    await b.end();
  }
});
