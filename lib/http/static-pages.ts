/**
 * The pages served from the page cache: home, the category and product pages (a product's own page and each
 * variant's, /products/<slug>/<key>; prerendered, revalidated by the catalogue's tag), and the two pages with no data at all (track an order, forgot password). Their GET and
 * HEAD requests skip proxy.ts (its matcher names these paths too; tests/unit/http/proxy-matcher.test.ts
 * keeps the two in step), and proxy.ts gives the requests it does see for them no nonce: their HTML is the
 * same for everyone, and their policy names the hashes of their inline scripts instead
 * (lib/http/static-page-cache.mjs). Every other page is rendered per request under a nonce.
 * tests/e2e/security-headers.spec.ts checks both kinds.
 */
const STATIC = new Set(["/", "/track", "/login/forgot"]);

export function isCachedPage(pathname: string): boolean {
  return (
    STATIC.has(pathname) ||
    /^\/categories\/[^/]+\/?$/.test(pathname) ||
    /^\/products\/[^/]+(\/[^/]+)?\/?$/.test(pathname)
  );
}
