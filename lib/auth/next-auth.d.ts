import "next-auth";

declare module "next-auth" {
  interface Session {
    /** Names one sign-in; see lib/auth/revocation.ts. */
    sid?: string;
  }
}
