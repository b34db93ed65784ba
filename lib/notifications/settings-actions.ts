"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, fieldErrorsOf, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { enqueueResend, enqueueTestMessages } from "./enqueue";
import { drainAfterResponse } from "./kick";
import { rearmLowStock } from "./low-stock";
import { SETTINGS_ID } from "./recipients";
import { alertSettingsSchema } from "./settings-input";

const SETTINGS_PATH = "/dashboard/settings/notifications";

/** Saves where seller alerts go: all fields valid, or nothing saved. OWNER only. */
export async function saveAlertSettings(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const values = submittedValues(formData);
    const parsed = alertSettingsSchema.safeParse(values);
    if (!parsed.success)
      return refused("Check the highlighted fields; nothing was saved.", fieldErrorsOf(parsed.error), values);
    await prisma.$transaction(async (tx) => {
      await tx.notificationSettings.upsert({
        where: { id: SETTINGS_ID },
        update: parsed.data,
        create: { id: SETTINGS_ID, ...parsed.data },
      });
      // A lowered default leaves some alerted variants above it: they alert again at the next crossing.
      await rearmLowStock(tx);
    });
    revalidatePath(SETTINGS_PATH);
    return { ok: true, message: "Alert settings saved." };
  });
}

/** Sends a test message to every current alert recipient. OWNER only. */
export async function sendTestMessage(): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const count = await enqueueTestMessages(prisma);
    if (count === 0)
      return {
        ok: false,
        message: "No alert recipient on a working channel: add one, or switch a channel on.",
      };
    drainAfterResponse();
    revalidatePath(SETTINGS_PATH);
    return { ok: true, message: `Test message sent to ${count} recipient${count === 1 ? "" : "s"}.` };
  });
}

/** Sends one message of an order's timeline again. OWNER only. */
export async function resendMessage(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const parsed = z.object({ id: z.string().min(1).max(64) }).safeParse(Object.fromEntries(formData));
    if (!parsed.success || !(await enqueueResend(prisma, parsed.data.id)))
      return { ok: false, message: "Unknown message." };
    drainAfterResponse();
    revalidatePath("/dashboard/orders", "layout");
    return { ok: true, message: "Queued to send again." };
  });
}
