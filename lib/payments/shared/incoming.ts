import "server-only";

/** A POST from Daraja (STK callback or C2B confirmation/validation), as the route received it. */
export type IncomingNotification = {
  token: string;
  rawBody: string;
  headers: Record<string, string>;
  sourceIp: string | null;
  /** False when MPESA_CALLBACK_IPS is set and the sender is not on it. */
  ipAllowed: boolean;
  /** The body was cut at the size cap. */
  truncated: boolean;
  /** The sender hung up before its whole body arrived (lib/http/read-capped.ts): what is here is not all. */
  cutOff: boolean;
};

// PostgreSQL text and jsonb cannot hold NUL; keep everything else byte for byte.
export const storable = (s: string) => s.replace(/\u0000/g, "\uFFFD");

/**
 * Stores a raw body through create: with its parsed JSON object when there is one jsonb can hold, else
 * (or when jsonb refuses it) without. Returns what create returns; throws only when the raw text fails.
 */
export async function storeWithBody<T>(
  rawBody: string,
  create: (body: object | undefined) => Promise<T>,
): Promise<T> {
  let body: object | undefined;
  try {
    const parsed: unknown = JSON.parse(rawBody);
    if (parsed && typeof parsed === "object" && !JSON.stringify(parsed).includes("\\u0000")) body = parsed;
  } catch {
    body = undefined;
  }
  try {
    return await create(body);
  } catch (e) {
    if (body === undefined) throw e;
    // jsonb refuses some valid JSON (e.g. nesting deeper than PostgreSQL's stack): keep the raw text.
    return create(undefined);
  }
}

/**
 * The reason a stored notification's final verdict starts with when applying it failed in a way no replay can
 * fix (lib/payments/shared/db-errors.ts, failsEveryTime): it is REJECTED, not left RECEIVED for ever.
 */
export const CANNOT_APPLY = "cannot be applied";

/**
 * Which stored notifications a replay takes first: never replayed, then replayed longest ago, each oldest
 * first. One that fails every time (replayedAt is stamped when it is taken) goes behind the others.
 */
export const REPLAY_ORDER: [{ replayedAt: { sort: "asc"; nulls: "first" } }, { receivedAt: "asc" }] = [
  { replayedAt: { sort: "asc", nulls: "first" } },
  { receivedAt: "asc" },
];

/** A replay applies what it took in the order it arrived: a prompt's later callback after its earlier one. */
export const inArrivalOrder = <T extends { receivedAt: Date }>(events: T[]): T[] =>
  [...events].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
