import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT } from "./lib/storage/limits";

const isDev = process.env.NODE_ENV === "development";

// script-src allows 'unsafe-inline' for Next's inline bootstrap/flight scripts. Nonces would avoid it, but a
// nonce has to be read from the request, which makes every page dynamic (no static or cached rendering).
// `next dev` also evaluates code with eval() for fast refresh, hence 'unsafe-eval' in development only.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https://*.public.blob.vercel-storage.com",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
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
