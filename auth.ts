import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/lib/auth/config";
import { checkCredentials } from "@/lib/auth/credentials";
import { clientIp } from "@/lib/http/client-ip";

class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (raw, request) => {
        const result = await checkCredentials(raw, clientIp(request.headers));
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new ThrottledSignin();
        return null;
      },
    }),
  ],
});
