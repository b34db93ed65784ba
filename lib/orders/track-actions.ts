"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type ActionResult, fieldErrorsOf, refused } from "@/lib/action-result";
import { clientIp } from "@/lib/http/client-ip";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { trackCodeInput, trackLookupInput } from "./track-input";
import { checkTrackingCode, requestTrackingCode } from "./tracking";

export type TrackValues = { reference: string; phone: string; code?: string };
/** `codeSent`: the second step (type the code) is shown, with what was typed. */
export type TrackState = (ActionResult<object, TrackValues> & { codeSent?: boolean }) | null;

const CHECK_FIELDS = "Please check the highlighted fields.";
const SENT =
  "If the reference and number match an order, we sent a 6-digit code to that number. It works for 10 minutes.";

function readLookup(formData: FormData) {
  const values: TrackValues = {
    reference: String(formData.get("reference") ?? ""),
    phone: String(formData.get("phone") ?? ""),
  };
  return { values, parsed: trackLookupInput.safeParse(values) };
}

/** Step one: the reference and the number; a code goes by SMS when they match an order (never said). */
export async function askTrackingCode(_prev: TrackState, formData: FormData): Promise<TrackState> {
  const { values, parsed } = readLookup(formData);
  if (!parsed.success) return refused(CHECK_FIELDS, fieldErrorsOf(parsed.error), values);
  const answer = await requestTrackingCode({ ...parsed.data, clientIp: clientIp(await headers()) });
  if (!answer.ok) return refused(answer.message, undefined, values);
  drainAfterResponse();
  return { ok: true, message: SENT, codeSent: true, values };
}

/** Step two: the code; when right, the order's own page. */
export async function openTrackedOrder(_prev: TrackState, formData: FormData): Promise<TrackState> {
  const { values: lookup, parsed } = readLookup(formData);
  const values = { ...lookup, code: String(formData.get("code") ?? "") };
  if (!parsed.success) return refused("Start again: enter the reference and number.", undefined, values);
  const code = trackCodeInput.safeParse(values);
  if (!code.success)
    return { ...refused("Check the code.", fieldErrorsOf(code.error), values), codeSent: true };
  const result = await checkTrackingCode({
    ...parsed.data,
    code: code.data.code,
    clientIp: clientIp(await headers()),
  });
  if (!result.ok)
    return { ...refused("Check the code.", { code: [result.message] }, values), codeSent: true };
  redirect(`/orders/${result.publicId}`);
}
