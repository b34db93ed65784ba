import { z } from "zod";
import { tryNormalizePhone } from "@/lib/daraja";
import { referenceFromAccount } from "@/lib/payments/c2b/account";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eatDateBoundary } from "./time";

export const STATUS_FILTERS = [
  "paid",
  "pending",
  "failed",
  "expired",
  "cancelled",
  "attention",
  "to_collect",
  "all",
] as const;
export const FULFILMENT_FILTERS = ["all", "unfulfilled", "dispatched", "fulfilled"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(s)));

const schema = z.object({
  status: z.enum(STATUS_FILTERS).catch("paid"),
  fulfilment: z.enum(FULFILMENT_FILTERS).catch("all"),
  from: date.optional().catch(undefined),
  to: date.optional().catch(undefined),
  // Kept even when too long (the address bounds it), so the form shows what was typed beside its error.
  q: z.string().trim().catch(""),
  /** "all", "pickup" or a delivery zone's id. */
  zone: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .catch("all"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export type OrderFilter = z.infer<typeof schema>;

/** The longest search text: no name, phone, reference or receipt comes close. */
export const SEARCH_MAX = 100;

/** What is wrong with the search text, or null: a search too long finds nothing rather than everything. */
export function searchError(f: OrderFilter): string | null {
  return f.q.length > SEARCH_MAX
    ? `Search text is too long (${f.q.length} characters): use at most ${SEARCH_MAX}.`
    : null;
}
type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads the orders page's URL parameters; anything unreadable falls back to the default (paid orders). */
export function parseOrderFilter(params: Params): OrderFilter {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return (Array.isArray(v) ? v[0] : v) || undefined;
  };
  const f = schema.parse({
    status: get("status") ?? "paid",
    fulfilment: get("fulfilment") ?? "all",
    from: get("from"),
    to: get("to"),
    q: get("q") ?? "",
    zone: get("zone") ?? "all",
    page: get("page") ?? 1,
  });
  // From 6 Dec to 5 Dec means the two days, not "no orders".
  return f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f;
}

/** The URL query for a filter, leaving out defaults; `page` is dropped unless given. */
export function filterQuery(f: OrderFilter, overrides: Partial<OrderFilter> = {}): string {
  const merged = { ...f, page: 1, ...overrides };
  const p = new URLSearchParams();
  if (merged.status !== "paid") p.set("status", merged.status);
  if (merged.fulfilment !== "all") p.set("fulfilment", merged.fulfilment);
  if (merged.from) p.set("from", merged.from);
  if (merged.to) p.set("to", merged.to);
  if (merged.q) p.set("q", merged.q);
  if (merged.zone !== "all") p.set("zone", merged.zone);
  if (merged.page > 1) p.set("page", String(merged.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

const STATUS_WHERE: Record<StatusFilter, Prisma.OrderWhereInput> = {
  paid: { status: "PAID" },
  pending: { status: "PENDING" },
  failed: { status: "FAILED" },
  expired: { status: "EXPIRED" },
  cancelled: { status: "CANCELLED" },
  attention: { needsAttention: true },
  to_collect: { paymentMethod: "ON_DELIVERY", status: { in: ["PENDING", "FAILED"] } },
  all: {},
};

const FULFILMENT_WHERE = {
  unfulfilled: "UNFULFILLED",
  dispatched: "DISPATCHED",
  fulfilled: "FULFILLED",
} as const;

/** Paid orders are dated by payment, the rest by creation: both have an index led by status. */
export const dateField = (f: OrderFilter) => (f.status === "paid" ? "paidAt" : "createdAt");

/**
 * Search uses indexed equality where it can: a phone number is normalized to 2547..., a code is a
 * reference (with or without DK- or its dash, as the Pay Bill account number DK7Q4M2X is typed) or an M-Pesa
 * receipt. A reference of letters only (a sixth of them, e.g. DK-PZPBCK) may also be a name ("Kamau"):
 * both are looked for. Anything else is part of a customer's name.
 */
export function searchWhere(raw: string): Prisma.OrderWhereInput | undefined {
  const q = raw.trim();
  if (!q) return undefined;
  const phone = /^[+\d][\d\s-]{6,}$/.test(q) ? tryNormalizePhone(q.replace(/[\s-]/g, "")) : null;
  if (phone) return { phone };
  // LIKE wildcards in the text are matched literally.
  const name = { customerName: { contains: q.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const } };
  const withDigits = /^[A-Za-z0-9-]{4,30}$/.test(q) && /\d/.test(q);
  if (!withDigits && !/^(DK-?)?[A-Za-z]{5,6}$/i.test(q)) return name;
  const code = q.toUpperCase();
  const references = new Set([code, `DK-${code}`, referenceFromAccount(q) ?? code]);
  const codes: Prisma.OrderWhereInput[] = [
    ...[...references].map((reference) => ({ reference })),
    { mpesaReceipt: code },
  ];
  return { OR: withDigits ? codes : [...codes, name] };
}

export function orderWhere(f: OrderFilter): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [STATUS_WHERE[f.status]];
  // The owner's KES 1 test payments are not orders to fulfil: only "All" lists them (marked Test).
  if (f.status !== "all") and.push({ isTest: false });
  if (f.fulfilment !== "all") and.push({ fulfilment: FULFILMENT_WHERE[f.fulfilment] });
  if (f.zone === "pickup") and.push({ delivery: { method: "PICKUP" } });
  else if (f.zone !== "all") and.push({ delivery: { zoneId: f.zone } });
  if (f.from || f.to) {
    const range: Prisma.DateTimeFilter = {};
    if (f.from) range.gte = eatDateBoundary(f.from);
    if (f.to) range.lt = eatDateBoundary(f.to, true);
    and.push({ [dateField(f)]: range });
  }
  const search = searchError(f) ? { id: { in: [] } } : searchWhere(f.q);
  if (search) and.push(search);
  return { AND: and };
}

export function orderSort(f: OrderFilter): Prisma.OrderOrderByWithRelationInput[] {
  return [{ [dateField(f)]: "desc" }, { id: "desc" }];
}
