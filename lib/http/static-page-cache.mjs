// The page cache (next.config.ts `cacheHandler`): Next.js's own file-system cache, with one addition. A page
// served from it carries a Content-Security-Policy naming the SHA-256 of each of its inline scripts, worked out
// from the cached HTML whenever it is read from disk or written after a (re)render; proxy.ts sends no
// nonce policy for these pages (lib/http/static-pages.ts). Plain JavaScript: Next.js loads it uncompiled.
import fileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { hashedPagePolicy } from "./csp-policy.mjs";

const FileSystemCache = fileSystemCache.default ?? fileSystemCache;
const CSP = "content-security-policy";

/** Adds the policy to a cached page (the entry's headers are sent with it); anything else is left alone. */
function withPolicy(value, always) {
  if (value?.kind !== "APP_PAGE" || typeof value.html !== "string" || !value.html) return;
  value.headers ??= {};
  if (always || !value.headers[CSP]) value.headers[CSP] = hashedPagePolicy(value.html);
}

export default class StaticPageCache extends FileSystemCache {
  async get(...args) {
    const entry = await super.get(...args);
    withPolicy(entry?.value, false);
    return entry;
  }

  async set(key, data, ctx) {
    withPolicy(data, true);
    return super.set(key, data, ctx);
  }
}
