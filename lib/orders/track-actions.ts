"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { tryNormalizePhone } from "@/lib/daraja";
import { clientIp } from "@/lib/http/client-ip";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { checkTrackingCode, requestTrackingCode } from "./tracking";

export type TrackValues = { reference: string; phone: string };
/** `codeSent`: the second step (type the code) is shown, with what was typed. */
export type TrackState = (ActionResult & { codeSent?: boolean; values?: TrackValues }) | null;

const lookup = z.object({
  reference: z
    .string()
    .trim()
    .regex(/^(dk)?[\s-]*[a-z0-9]{6}$/i, "Enter the order reference, e.g. DK-7Q4M2X."),
  phone: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const msisdn = tryNormalizePhone(value);
      if (!msisdn)
        ctx.addIssue({ code: "custom", message: "Enter the Kenyan mobile number you ordered with." });
      return msisdn ?? "";
    }),
});

const SENT =
  "If the reference and number match an order, we sent a 6-digit code to that number. It works for 10 minutes.";

function readLookup(formData: FormData) {
  const values = {
    reference: String(formData.get("reference") ?? ""),
    phone: String(formData.get("phone") ?? ""),
  };
  return { values, parsed: lookup.safeParse(values) };
}

/** Step one: the reference and the number; a code goes by SMS when they match an order (never said). */
export async function askTrackingCode(_prev: TrackState, formData: FormData): Promise<TrackState> {
  const { values, parsed } = readLookup(formData);
  if (!parsed.success)
    return {
      ...refused("Please check the highlighted fields.", z.flattenError(parsed.error).fieldErrors),
      values,
    };
  const answer = await requestTrackingCode({ ...parsed.data, clientIp: clientIp(await headers()) });
  if (!answer.ok) return { ...refused(answer.message), values };
  drainAfterResponse();
  return { ok: true, message: SENT, codeSent: true, values };
}

/** Step two: the code; when right, the order's own page. */
export async function openTrackedOrder(_prev: TrackState, formData: FormData): Promise<TrackState> {
  const { values, parsed } = readLookup(formData);
  const code = String(formData.get("code") ?? "").trim();
  if (!parsed.success) return { ...refused("Start again: enter the reference and number."), values };
  if (!/^\d{6}$/.test(code)) {
    const message = "Enter the 6-digit code from the SMS.";
    return { ...refused(message, { code: [message] }), codeSent: true, values };
  }
  const result = await checkTrackingCode({ ...parsed.data, code, clientIp: clientIp(await headers()) });
  if (!result.ok) return { ...refused(result.message, { code: [result.message] }), codeSent: true, values };
  redirect(`/orders/${result.publicId}`);
}
