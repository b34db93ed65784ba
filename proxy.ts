import NextAuth from "next-auth";
import type { NextFetchEvent, NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);
// auth(request, event) is next-auth's middleware form; its overloads are typed for pages/api requests.
const gate = auth as unknown as (req: NextRequest, event: NextFetchEvent) => Promise<Response>;

// A first, cheap gate for dashboard pages (anonymous visitors go to /login). It is not the protection:
// every dashboard page, action and route handler checks the session and role itself (lib/auth/guards.ts).
export default async function proxy(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  const res = await gate(req, event);
  // next-auth re-issues the session cookie on every request it sees. A prefetch or page load in flight
  // while the seller signs out would then hand the browser its session back: the gate only reads.
  res.headers.delete("set-cookie");
  return res;
}

export const config = { matcher: ["/dashboard/:path*"] };
