import "server-only";
import { cookies } from "next/headers";
import { type CartLine, parseCartCookie, serializeCart } from "./cart-lines";

const CART_COOKIE = "duka_cart";
const THIRTY_DAYS = 60 * 60 * 24 * 30;

export async function readCartLines(): Promise<CartLine[]> {
  return parseCartCookie((await cookies()).get(CART_COOKIE)?.value);
}

/** Only server actions and route handlers may call this (Next.js forbids setting cookies while rendering). */
export async function writeCartLines(lines: CartLine[]) {
  const jar = await cookies();
  if (lines.length === 0) {
    jar.delete(CART_COOKIE);
    return;
  }
  jar.set(CART_COOKIE, serializeCart(lines), {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    path: "/",
    maxAge: THIRTY_DAYS,
  });
}
