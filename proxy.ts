import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { contentSecurityPolicy, isMalformedPath } from "@/lib/http/content-security-policy";
import { serverActionRefusal } from "@/lib/http/server-action-gate";

const { auth } = NextAuth(authConfig);
// auth(request, event) is next-auth's middleware form; its overloads are typed for pages/api requests.
const gate = auth as unknown as (req: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Every page gets a fresh CSP nonce. Dashboard pages also pass a first, cheap gate (anonymous visitors go
 * to /login); it is not the protection: every dashboard page, action and route handler checks the session
 * and role itself (lib/auth/guards.ts).
 */
export default async function proxy(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  if (isMalformedPath(req.nextUrl.pathname)) {
    return new NextResponse("Bad request: the address is not valid.", {
      status: 400,
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "Content-Security-Policy": contentSecurityPolicy("none"),
      },
    });
  }
  const refusal = serverActionRefusal(req.method, req.headers);
  if (refusal) {
    return new NextResponse(refusal.message, {
      status: refusal.status,
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "Content-Security-Policy": contentSecurityPolicy("none"),
        // The body is left unread: close, or the rest of it would be taken for the next request.
        Connection: "close",
      },
    });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  if (req.nextUrl.pathname.startsWith("/dashboard")) {
    const gated = await gate(req, event);
    // next-auth re-issues the session cookie on every request it sees. A prefetch or page load in flight
    // while the seller signs out would then hand the browser its session back: the gate only reads.
    gated.headers.delete("set-cookie");
    if (!gated.headers.has("x-middleware-next")) {
      gated.headers.set("Content-Security-Policy", csp);
      return gated;
    }
  }
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Not for built assets and images (no scripts run from them).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|products/.*\\.(?:jpg|png|webp)$).*)"],
};
