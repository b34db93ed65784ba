/**
 * The pages served from the page cache: home and the category pages (prerendered, revalidated by the
 * catalogue's tag), and the two pages with no data at all (track an order, forgot password). proxy.ts gives them no nonce (their HTML is the same for everyone); their policy
 * names the hashes of their inline scripts instead (lib/http/static-page-cache.mjs). Every other page is
 * rendered per request under a nonce. tests/e2e/security-headers.spec.ts checks both kinds.
 */
const STATIC = new Set(["/", "/track", "/login/forgot"]);

export function isCachedPage(pathname: string): boolean {
  return STATIC.has(pathname) || /^\/categories\/[^/]+\/?$/.test(pathname);
}
