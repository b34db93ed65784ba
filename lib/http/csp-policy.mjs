// Plain JavaScript: Next.js loads the page cache handler (lib/http/static-page-cache.mjs) at run time
// without compiling it, and both it and the per-request policy (content-security-policy.ts) build on this.
import { createHash } from "node:crypto";

/**
 * The Content-Security-Policy with the given script sources. Only scripts are held to nonces or hashes;
 * `next dev` evaluates code with eval() for fast refresh, hence 'unsafe-eval' in development only.
 * @param {string} scriptSources
 * @param {boolean} dev
 */
export function policyWithScripts(scriptSources, dev) {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}${dev ? " 'unsafe-eval'" : ""}`,
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

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The policy of a page served from cache (no per-request nonce): each inline script the page holds (Next.js's
 * bootstrap and its flight data) allowed by its SHA-256, the built chunks by 'self' (each carries a
 * subresource-integrity hash: experimental.sri). Any other inline script, an injected one included, is refused.
 * @param {string} html
 */
export function hashedPagePolicy(html) {
  const hashes = new Set();
  for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
    if (body) hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return policyWithScripts(["'self'", ...hashes].join(" "), false);
}
