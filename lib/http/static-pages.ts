/**
 * The storefront pages served from the page cache (prerendered, revalidated by the catalogue's tag): home and
 * the category pages. proxy.ts gives them no nonce (their HTML is the same for everyone); their policy
 * names the hashes of their inline scripts instead (lib/http/static-page-cache.mjs). Every other page is
 * rendered per request under a nonce. tests/e2e/security-headers.spec.ts checks both kinds.
 */
export function isCachedPage(pathname: string): boolean {
  return pathname === "/" || /^\/categories\/[^/]+\/?$/.test(pathname);
}
