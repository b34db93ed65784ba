import type { EmulatorState } from "../../state";
import { queueTimeoutBody, resultBody, type ResultInput, type ResultParameter } from "./initiator-result";

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function post(state: EmulatorState, url: string, body: unknown, label: string): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(state.options.callbackTimeoutMs),
    });
    await response.text();
    state.say(`result ${label} -> ${url} ${response.status} (${Math.round(performance.now() - started)} ms)`);
  } catch (error) {
    state.say(`result ${label} -> ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * POSTs the Result once (never retried), after the acknowledgement went out, with the result faults:
 * delay, drop, duplicate, a queue timeout (a notice to QueueTimeOutURL instead; the outcome stands), or
 * timeless (every time in it empty).
 */
export async function deliverResult(
  state: EmulatorState,
  input: ResultInput & { resultUrl: string },
): Promise<void> {
  const generation = state.generation;
  const effects = state.faults.takeResultEffects();
  if (effects.delayMs > 0) await sleep(effects.delayMs);
  if (generation !== state.generation) return;
  const label = `${input.originatorConversationId} code ${input.resultCode}${effects.labels.length ? ` faults=${effects.labels.join(",")}` : ""}`;
  if (effects.drop) return void state.say(`result ${label}: dropped by fault`);
  const [url, body] = effects.queueTimeout
    ? [input.timeoutUrl, queueTimeoutBody(input)]
    : [
        input.resultUrl,
        resultBody(effects.timeless ? { ...input, parameters: withoutTimes(input.parameters) } : input),
      ];
  await post(state, url, body, label);
  if (effects.duplicate && generation === state.generation) await post(state, url, body, label);
}

const withoutTimes = (parameters: ResultParameter[] | undefined) =>
  parameters?.map((p) => (/Time$/.test(p.Key) ? { ...p, Value: "" } : p));
