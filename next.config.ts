import path from "node:path";
import type { NextConfig } from "next";
import { STATIC_FILE_POLICY } from "./lib/http/content-security-policy";
import { ACTION_BODY_LIMIT } from "./lib/storage/limits";

// The Content-Security-Policy of a page is set per request by proxy.ts, with a nonce, or comes with a page
// served from cache, with its scripts' hashes (lib/http/content-security-policy.ts, static-page-cache.mjs);
// these apply to every response, including the files proxy.ts does not see.
const securityHeaders = [
  // Browsers ignore HSTS over plain http, so it is harmless on localhost.
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // For browsers that predate CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

// The files in public/ skip proxy.ts (its matcher): their policy is set here.
const publicFiles = [
  "/products/:file([^/]+\\.(?:svg|jpg|png|webp))",
  "/icons/:path*",
  "/uploads/:path*",
  "/seller.webmanifest",
  "/icon.png",
];

const nextConfig: NextConfig = {
  // scripts/e2e.mjs gives each parallel e2e server a copy of the build, so their page caches stay apart.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Next.js's file-system page cache, plus the hash-based CSP of each page it serves.
  cacheHandler: path.resolve("lib/http/static-page-cache.mjs"),
  // The pg driver and its Prisma adapter run as plain node_modules on the server, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // The emulator's pages and the docs use 127.0.0.1; without this `next dev` blocks its client files there.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  experimental: {
    // Product photos are posted through a server action: the cap (lib/storage/limits) plus the form.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
    // Every built script tag carries its hash (integrity): a changed chunk is refused by the browser.
    sri: { algorithm: "sha256" },
    // A URL matching no route gets app/global-not-found.tsx (per request, nonce); app/not-found.tsx stays
    // static, or every page would be dynamic.
    globalNotFound: true,
  },
  images: {
    // Product photos stored in Vercel Blob (BLOB_READ_WRITE_TOKEN).
    remotePatterns: [{ protocol: "https", hostname: "*.public.blob.vercel-storage.com" }],
  },
  async redirects() {
    return [
      // A variant's link from before variants had their own address (a cart line's, a shared one). Links that
      // named it by its options (?colour=Red&size=M) are moved on in the browser
      // (components/catalog/product-islands.tsx): their keys differ per product.
      {
        source: "/products/:slug",
        has: [{ type: "query", key: "variant", value: "(?<id>[A-Za-z0-9_-]+)" }],
        destination: "/products/:slug/:id",
        permanent: true,
      },
    ];
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...publicFiles.map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: STATIC_FILE_POLICY }],
      })),
    ];
  },
};

export default nextConfig;
