import "server-only";
import { redirect } from "next/navigation";
import type { ActionRefusal } from "@/lib/action-result";
import { getSessionUser, type SellerUser } from "./session";

/** Refusal with the HTTP status it stands for: 401 nobody signed in, 403 signed in without the role. */
export class AccessError extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? "Please sign in again." : "Only the shop owner can do that.");
  }
}

export async function requireSeller(): Promise<SellerUser> {
  const user = await getSessionUser();
  if (!user) throw new AccessError(401);
  return user;
}

export async function requireOwner(): Promise<SellerUser> {
  const user = await requireSeller();
  if (user.role !== "OWNER") throw new AccessError(403);
  return user;
}

/** For pages: anonymous visitors are sent to the login page. */
export async function sellerPage(): Promise<SellerUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** For route handlers: runs `fn` for a signed-in seller, otherwise answers 401/403 as JSON. */
export async function withSeller(
  fn: (user: SellerUser) => Promise<Response>,
  role: "SELLER" | "OWNER" = "SELLER",
) {
  try {
    const user = role === "OWNER" ? await requireOwner() : await requireSeller();
    return await fn(user);
  } catch (e) {
    if (e instanceof AccessError)
      return Response.json(
        { error: e.message },
        { status: e.status, headers: { "Cache-Control": "no-store" } },
      );
    throw e;
  }
}

/** For server actions (public endpoints): turns a refusal into a result the form can show. */
export async function guarded<T extends { ok: boolean; message: string }>(
  fn: () => Promise<T>,
): Promise<T | ActionRefusal<never>> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AccessError) return { ok: false, message: e.message, status: e.status };
    throw e;
  }
}
