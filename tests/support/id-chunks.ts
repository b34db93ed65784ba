/**
 * A list of ids of any size in a Prisma `where`. Prisma 7 splits a long `in` list itself only for a plain
 * findMany, updateMany or deleteMany; a count, groupBy, aggregate, `take` or `notIn` sends one bind parameter
 * per id and is refused past PostgreSQL's limit ("The query parameter limit supported by your database is
 * exceeded", at 32,766 ids). These run one query per slice of the list and add the answers up.
 */
const SLICE = 10_000;

function slices<T>(ids: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += SLICE) out.push(ids.slice(i, i + SLICE));
  return out;
}

/** The rows of every slice, one after another (for a groupBy, group by the listed id so no group spans two). */
export async function rowsInSlices<T, R>(
  ids: readonly T[],
  query: (slice: T[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const slice of slices(ids)) rows.push(...(await query(slice)));
  return rows;
}

/** The sum of a count over every slice. */
export async function countInSlices<T>(ids: readonly T[], count: (slice: T[]) => Promise<number>) {
  let total = 0;
  for (const slice of slices(ids)) total += await count(slice);
  return total;
}
