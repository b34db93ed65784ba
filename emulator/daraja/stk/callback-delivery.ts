// POSTs an STK callback to the shop once, as Daraja does, and records the delivery.
import { buildCallbackBody } from "./callback-body";
import type { DeliveryRecord } from "./callback-shape";
import { callbackText, drawCallbackForm, seededRandom } from "./callback-variety";
import type { Prompt } from "./prompt-store";
import type { EmulatorState } from "../../state";
import { postHalfThenHangUp } from "../../http-io";

const MAX_RESPONSE_CHARS = 2000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error
      ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}`
      : "";
  return `${error.message}${cause}`;
}

function store(state: EmulatorState, record: Omit<DeliveryRecord, "id">): DeliveryRecord {
  const full = { id: state.deliveries.length + 1, ...record };
  state.deliveries.push(full);
  const outcome = full.status ?? full.error;
  state.say(
    `callback ${full.checkoutRequestId} -> ${full.url} ${outcome} (${full.latencyMs} ms)${full.faults.length ? ` faults=${full.faults.join(",")}` : ""}`,
  );
  return full;
}

/** One POST, never retried: the real Daraja was observed delivering once only. */
async function post(
  state: EmulatorState,
  prompt: Prompt,
  body: Pick<DeliveryRecord, "body" | "rawBody">,
  faults: string[],
): Promise<DeliveryRecord> {
  const sentAt = new Date().toISOString();
  const started = performance.now();
  const base = {
    checkoutRequestId: prompt.checkoutRequestId,
    url: prompt.callbackUrl,
    sentAt,
    ...body,
    faults,
  };
  try {
    const response = await fetch(prompt.callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json", Businessshortcode: prompt.shortcode },
      body: body.rawBody,
      signal: AbortSignal.timeout(state.options.callbackTimeoutMs),
    });
    const responseBody = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
    const latencyMs = Math.round(performance.now() - started);
    return store(state, { ...base, status: response.status, error: null, latencyMs, responseBody });
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    return store(state, {
      ...base,
      status: null,
      error: describeError(error),
      latencyMs,
      responseBody: null,
    });
  }
}

const METADATA_ITEMS = 5;

/** The next success form when callbackVarietySeed is set; the sequence restarts when the seed changes. */
function nextCallbackForm(state: EmulatorState) {
  const seed = state.options.callbackVarietySeed;
  if (seed === null) return null;
  if (state.variety?.seed !== seed) state.variety = { seed, random: seededRandom(seed) };
  return drawCallbackForm(state.variety.random, METADATA_ITEMS);
}

/** Resolves once the callback was attempted (or dropped by a fault), with its record. */
export async function deliverCallback(state: EmulatorState, prompt: Prompt): Promise<DeliveryRecord> {
  const generation = state.generation;
  const effects = state.faults.takeCallbackEffects(prompt.state === "paid");
  const wrongAmount = prompt.amount > 1 ? prompt.amount - 1 : prompt.amount + 1;
  const form = prompt.state === "paid" ? nextCallbackForm(state) : null;
  const amount = effects.wrongAmount ? (effects.amount ?? wrongAmount) : undefined;
  const body = buildCallbackBody(prompt, amount, form);
  const sent = { body, rawBody: callbackText(body, form) };
  if (effects.delayMs > 0) await sleep(effects.delayMs);
  const base = {
    checkoutRequestId: prompt.checkoutRequestId,
    url: prompt.callbackUrl,
    sentAt: new Date().toISOString(),
    ...sent,
  };
  if (generation !== state.generation) {
    return {
      id: 0,
      ...base,
      status: null,
      error: "cancelled by reset",
      latencyMs: 0,
      responseBody: null,
      faults: effects.labels,
    };
  }
  if (effects.drop)
    return store(state, {
      ...base,
      status: null,
      error: "dropped by fault",
      latencyMs: 0,
      responseBody: null,
      faults: effects.labels,
    });
  if (effects.cut) {
    const started = performance.now();
    await postHalfThenHangUp(prompt.callbackUrl, sent.rawBody, {
      "content-type": "application/json",
      Businessshortcode: prompt.shortcode,
    });
    return store(state, {
      ...base,
      status: null,
      error: "cut off by fault",
      latencyMs: Math.round(performance.now() - started),
      responseBody: null,
      faults: effects.labels,
    });
  }
  const first = await post(state, prompt, sent, effects.labels);
  if (effects.duplicate && generation === state.generation) await post(state, prompt, sent, effects.labels);
  return first;
}
