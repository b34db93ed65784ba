import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";

/**
 * The part of the auth setup that needs no database, so proxy.ts can use it. The session only carries
 * the user's id and role; lib/auth/session.ts re-reads the user on every request, so disabling an account
 * or changing a role takes effect at once.
 */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

export const authConfig = {
  secret: env.authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  // A wrong password is routine (and counted by the throttle): log real failures only.
  logger: {
    error: (error) => {
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error(error);
    },
  },
  providers: [],
  callbacks: {
    authorized: ({ auth, request }) =>
      request.nextUrl.pathname.startsWith("/dashboard") ? !!auth?.user : true,
    jwt: ({ token, user }) => {
      // Only at sign-in: the session id names this session so signing out can revoke it (lib/auth/revocation.ts).
      if (user?.id) {
        token.sub = user.id;
        token.sid = crypto.randomUUID();
        token.signedInAt = Date.now();
      }
      return token;
    },
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sid = token.sid;
      if (typeof token.signedInAt === "number") session.signedInAt = token.signedInAt;
      return session;
    },
  },
} satisfies NextAuthConfig;
