import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

// A first, cheap gate for dashboard pages (anonymous visitors go to /login). It is not the protection:
// every dashboard page, action and route handler checks the session and role itself (lib/auth/guards.ts).
export default auth;

export const config = { matcher: ["/dashboard/:path*"] };
