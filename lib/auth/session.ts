import "server-only";
import { cache } from "react";
import { auth } from "@/auth";
import { prisma } from "@/lib/db";
import { isSessionRevoked } from "./revocation";

export type SellerUser = { id: string; email: string; name: string; role: "OWNER" | "STAFF" };

/**
 * The signed-in seller, read fresh from the database (once per request): a disabled or deleted account
 * stops working at once even though its JWT has not expired, and so does a session signed out of.
 * A password reset ends the sessions signed in before it (sessionsValidFrom). Tests mock this module to
 * play a caller.
 */
export const getSessionUser = cache(async (): Promise<SellerUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !session.sid || (await isSessionRevoked(session.sid))) return null;
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionsValidFrom: true },
  });
  if (!user || user.disabled) return null;
  if (user.sessionsValidFrom && (session.signedInAt ?? 0) < user.sessionsValidFrom.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});
