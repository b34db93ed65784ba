import "server-only";
import { revalidateTag, unstable_cache } from "next/cache";

/**
 * The storefront's catalogue (home, category and product pages, and the data they read) is cached under one
 * tag and thrown away whenever the seller changes a product, its price, stock or photo, or an order takes or
 * returns stock. One tag, not one per product: a product shows on the home page, its category and its own
 * page, and the whole catalogue re-renders in milliseconds.
 */
const CATALOG_TAG = "catalog";

/** The latest a change made behind the app's back (SQL, another process) shows: the pages use it too. */
const HOURLY = 3600;

/** A catalogue read, cached until the next catalogChanged(); key parts tell calls with other arguments apart. */
export function cachedCatalogRead<Args extends string[], Result>(
  name: string,
  read: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  // Wrapped on first use, not at import: importing the catalogue's queries needs no Next.js cache.
  let cached: ((...args: Args) => Promise<Result>) | undefined;
  return async (...args) => {
    cached ??= unstable_cache(read, ["catalog", name], { tags: [CATALOG_TAG], revalidate: HOURLY });
    try {
      return await cached(...args);
    } catch (error) {
      // Outside a Next.js server (a script, a test) there is no cache to read through: read the database.
      if (error instanceof Error && error.message.includes("incrementalCache missing")) return read(...args);
      throw error;
    }
  };
}

/**
 * The catalogue changed: the next visit renders it afresh (expire: 0, so nobody is served the old price).
 * Inside a request (server action, route handler, cron) Next.js applies it when the request ends, after the
 * transaction that made the change committed. Outside one (a script, a unit test) there is no page cache
 * in this process to clear. Never a reason to fail the change that called it.
 */
export function catalogChanged(): void {
  try {
    revalidateTag(CATALOG_TAG, { expire: 0 });
  } catch (error) {
    // Next.js refuses it during a page render too: the change stands, the pages' hourly revalidate catches up.
    if (!isOutsideRequestScope(error)) console.warn("catalogue cache not cleared:", error);
  }
}

function isOutsideRequestScope(error: unknown): boolean {
  return error instanceof Error && error.message.includes("static generation store missing");
}
