// A fresh database on the same PostgreSQL server as `url`, named after it with `suffix` added (dropped first
// if an earlier run left it): parallel test lanes and e2e shards each get one of their own.
import pg from "pg";

export async function freshDatabaseBeside(url, suffix) {
  const target = new URL(url);
  const name = `${target.pathname.slice(1) || "postgres"}${suffix}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  target.pathname = `/${name}`;
  return target.toString();
}
