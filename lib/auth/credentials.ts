import "server-only";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { loginNetwork, reserveLoginTry } from "./login-throttle";

export { clearLoginFailures } from "./login-throttle";
export { LOGIN_MAX_FAILURES } from "./login-throttle";

const input = z.object({ email: z.email().trim().toLowerCase(), password: z.string().min(1).max(200) });

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("duka-no-such-user", 10);

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string; role: "OWNER" | "STAFF" } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks an email and password. Throttled per account and source network (known or not, so the answer
 * never tells which emails exist): each try is reserved before bcrypt runs, so a burst of parallel guesses
 * gets at most 5 passwords looked at per network in 15 minutes; a wider ceiling holds across networks.
 */
export async function checkCredentials(raw: unknown, ip: string | null = null): Promise<CredentialCheck> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const network = loginNetwork(ip);
  const reservation = await reserveLoginTry(email, network);
  if (!reservation.allowed) return { ok: false, reason: "throttled" };

  const user = await prisma.user.findUnique({ where: { email } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabled) return { ok: false, reason: "invalid" };
  await reservation.release();
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export const hashPassword = (password: string) => bcrypt.hash(password, 10);
