/**
 * The caller's IP. On Vercel, x-forwarded-for is set by the platform (the client's address first) and
 * cannot be spoofed past it; elsewhere run behind a proxy that does the same.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-vercel-forwarded-for") ?? headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || null;
}
