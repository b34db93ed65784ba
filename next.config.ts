import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT } from "./lib/storage/limits";

// The Content-Security-Policy is set per request by proxy.ts, with a nonce (lib/http/content-security-policy.ts);
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

const nextConfig: NextConfig = {
  // The pg driver and its Prisma adapter run as plain node_modules on the server, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // The emulator's pages and the docs use 127.0.0.1; without this `next dev` blocks its client files there.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  experimental: {
    // Product photos are posted through a server action: the cap (lib/storage/limits) plus the form.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
  },
  images: {
    // Product photos stored in Vercel Blob (BLOB_READ_WRITE_TOKEN).
    remotePatterns: [{ protocol: "https", hostname: "*.public.blob.vercel-storage.com" }],
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
