import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { contentSecurityPolicy, isMalformedPath } from "@/lib/http/content-security-policy";
import { serverActionRefusal } from "@/lib/http/server-action-gate";
import { isCachedPage } from "@/lib/http/static-pages";

const { auth } = NextAuth(authConfig);
// auth(request, event) is next-auth's middleware form; its overloads are typed for pages/api requests.
const gate = auth as unknown as (req: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Every page rendered per request gets a fresh CSP nonce. The pages served from cache (home, categories,
 * products:
 * lib/http/static-pages.ts) get none, their policy comes with them from the page cache, and their GET and
 * HEAD requests skip this function altogether (the matcher below). Dashboard pages also pass a first, cheap
 * gate (anonymous visitors go to /login); it is not the protection: every dashboard page, action and route
 * handler checks the session and role itself (lib/auth/guards.ts).
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
  // A form posted to a cached page without JavaScript (no next-action header) is answered with the page
  // rendered afresh, so it takes a nonce like any other; a GET, or an action's data, carries no HTML to hash.
  const answeredFromCache = req.method === "GET" || req.method === "HEAD" || req.headers.has("next-action");
  if (isCachedPage(req.nextUrl.pathname) && answeredFromCache) return NextResponse.next();
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

// Literal strings: Next.js reads this object from the source at build time.
export const config = {
  matcher: [
    // Every path except the built assets, images and files in public/ (next.config.ts gives those their
    // headers) and the pages served from cache (lib/http/static-pages.ts: home, /track, /login/forgot, and a
    // category, product or variant whose address has no %, so a malformed one still gets its 400 here).
    {
      source:
        "/((?!$|track/?$|login/forgot/?$|categories/[^/%]+/?$|products/[^/%]+(?:/[^/%]+)?/?$|_next/static|_next/image|favicon.ico|icon.png|icons/|uploads/|seller.webmanifest|products/.*\\.(?:svg|jpg|png|webp)$).*)",
    },
    // Server actions, wherever they are posted (cached pages included): refused here from another site.
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|icon.png|icons/|uploads/|seller.webmanifest|products/.*\\.(?:svg|jpg|png|webp)$).*)",
      has: [{ type: "header", key: "next-action" }],
    },
    // Forms posted without JavaScript (to cached pages too): their answer is a page rendered for them.
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|icon.png|icons/|uploads/|seller.webmanifest|products/.*\\.(?:svg|jpg|png|webp)$).*)",
      has: [
        {
          type: "header",
          key: "content-type",
          value: "(?:multipart/form-data|application/x-www-form-urlencoded).*",
        },
      ],
    },
  ],
};
