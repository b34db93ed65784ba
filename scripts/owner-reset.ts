// `npm run owner:reset [-- email] [-- --password <new>]`: run where the app is deployed (with its
// DATABASE_URL) when the owner is locked out. Sets a new password (random unless given), lifts the
// sign-in locks and prints the new password once. Runs with the react-server condition (server-only modules).
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { resetOwner } from "@/lib/auth/owner-reset";

const args = process.argv.slice(2);
const flag = args.indexOf("--password");
const password = flag >= 0 ? args[flag + 1] : undefined;
const email = args.find((a, i) => !a.startsWith("--") && (flag < 0 || i !== flag + 1)) ?? env.seller.email;

const result = await resetOwner(email, password);
await prisma.$disconnect();
if (!result.ok) {
  console.error(`[owner:reset] ${result.message}`);
  process.exit(1);
}
console.log(`[owner:reset] ${result.email}: locks lifted; sign in within the hour with the new password:`);
console.log(password ? "(the password you gave)" : result.password);
