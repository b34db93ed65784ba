import "next-auth";

declare module "next-auth" {
  interface Session {
    /** Names one sign-in; see lib/auth/revocation.ts. */
    sid?: string;
    /** When this session signed in (ms since epoch): a password reset ends every session older than it. */
    signedInAt?: number;
  }
}
