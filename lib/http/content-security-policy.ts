/**
 * The Content-Security-Policy of every page, with this request's nonce: Next.js puts the nonce on its own
 * bootstrap and flight scripts (it reads it from this header on the request), so no inline script without
 * it runs. 'strict-dynamic' lets those scripts load the page's chunks. `next dev` evaluates code with
 * eval() for fast refresh, hence 'unsafe-eval' in development only.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://*.public.blob.vercel-storage.com",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

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
