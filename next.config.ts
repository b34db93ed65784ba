import type { NextConfig } from "next";

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
  // Product images may be 2 MB (lib/dashboard/image-limits.ts); Next's default 1 MB would refuse them with
  // a generic error before the form's own check could name the field. Room for the other fields too.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
