import { policyWithScripts } from "./csp-policy.mjs";

/**
 * The Content-Security-Policy of a page rendered per request, with this request's nonce: Next.js puts the
 * nonce on its own bootstrap and flight scripts (it reads it from this header on the request), so no inline
 * script without it runs. 'strict-dynamic' lets those scripts load the page's chunks. Pages served from
 * cache carry hashes instead (csp-policy.mjs, static-page-cache.mjs).
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return policyWithScripts(`'self' 'nonce-${nonce}' 'strict-dynamic'`, dev);
}

/** Files from public/ (photos, icons, the manifest) skip proxy.ts; an SVG opened on its own runs nothing. */
export const STATIC_FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

/** A URL segment decoded, or null when it is not valid percent-encoding (a route answers 404 then). */
export function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** A path Next.js cannot decode answers 500 from deep inside routing: refuse it first, politely. */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
