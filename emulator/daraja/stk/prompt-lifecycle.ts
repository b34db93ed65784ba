// A prompt's life on the phone: shown, answered or timed out, then its callback.
import type { DeliveryRecord } from "./callback-shape";
import { deliverCallback } from "./callback-delivery";
import { resultForCode, resultForOutcome, type PromptResult } from "./outcomes";
import type { Prompt } from "./prompt-store";
import type { EmulatorState } from "../../state";
import type { StkPushRequest } from "./push-validation";

const MAX_SHOWN_ACCOUNT_REFERENCE = 12;

export function createPrompt(state: EmulatorState, request: StkPushRequest, now: Date): Prompt {
  const prompt: Prompt = {
    checkoutRequestId: state.ids.checkoutRequestId(request.phoneNumber, now),
    merchantRequestId: state.ids.merchantRequestId(),
    shortcode: request.businessShortCode,
    phone: request.phoneNumber,
    amount: request.amount,
    accountReference: request.accountReference,
    transactionDesc: request.transactionDesc,
    callbackUrl: request.callBackUrl,
    state: "open",
    resultCode: null,
    resultDesc: null,
    receipt: null,
    createdAt: now,
    completedAt: null,
    timesOutAt: new Date(now.getTime() + state.options.promptTimeoutMs),
    shownOnPhone: request.accountReference.length <= MAX_SHOWN_ACCOUNT_REFERENCE,
    ignored: false,
    timers: [],
    delivery: null,
  };
  state.prompts.add(prompt);
  return prompt;
}

function schedule(state: EmulatorState, prompt: Prompt, delayMs: number, result: PromptResult): void {
  const timer = setTimeout(() => void settlePrompt(state, prompt, result), delayMs);
  timer.unref();
  prompt.timers.push(timer);
}

/**
 * A duplicate ends at once in ResultCode 17; otherwise a phone rule, then auto-pay, then the phone page
 * decide, and an unanswered prompt times out to 1037. A prompt never shown on the handset only times out.
 */
export function startPromptLifecycle(state: EmulatorState, prompt: Prompt, duplicate: boolean): void {
  if (duplicate) {
    void settlePrompt(state, prompt, resultForCode(17));
    return;
  }
  const { promptTimeoutMs, autoPayMs } = state.options;
  schedule(state, prompt, promptTimeoutMs, resultForOutcome("timeout"));
  if (!prompt.shownOnPhone) return;
  const rule = state.rules.get(prompt.phone);
  if (rule) {
    const delayMs = rule.delayMs ?? (rule.outcome === "timeout" ? promptTimeoutMs : 0);
    schedule(state, prompt, delayMs, resultForOutcome(rule.outcome));
  } else if (autoPayMs !== null) {
    schedule(state, prompt, autoPayMs, resultForOutcome("pay"));
  }
}

/** Settles an open prompt and starts its callback; null if it was already settled. */
export function settlePrompt(
  state: EmulatorState,
  prompt: Prompt,
  result: PromptResult,
): Promise<DeliveryRecord> | null {
  if (prompt.state !== "open") return null;
  prompt.timers.forEach(clearTimeout);
  prompt.timers = [];
  const paid = result.code === 0;
  prompt.state = paid ? "paid" : "failed";
  prompt.resultCode = result.code;
  prompt.resultDesc = result.desc;
  prompt.completedAt = new Date();
  prompt.receipt = paid ? state.ids.receipt() : null;
  state.say(
    `prompt ${prompt.checkoutRequestId} ${prompt.state} ResultCode ${result.code}${paid ? ` receipt ${prompt.receipt}` : ""}`,
  );
  prompt.delivery = deliverCallback(state, prompt);
  return prompt.delivery;
}
