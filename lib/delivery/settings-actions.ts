"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseDeliverySettings, readSettingsForm, readZoneForm, zoneInput } from "./settings-input";

/** On refusal the form gets back what was typed (React resets a form after its action). */
type Result = ActionResult<object, Record<string, string | string[] | boolean>>;
export type SettingsFormState = Result | null;

const CHECK_FIELDS = "Check the highlighted fields.";

function refresh() {
  revalidatePath("/dashboard/settings/delivery");
  revalidatePath("/checkout");
}

/** Saves the pickup point and the free-delivery threshold. OWNER only; placed orders keep their snapshot. */
export async function saveDeliverySettings(_prev: SettingsFormState, formData: FormData): Promise<Result> {
  return guarded(async (): Promise<Result> => {
    await requireOwner();
    const values = readSettingsForm(formData);
    const parsed = parseDeliverySettings(values);
    if (!parsed.ok) return { ok: false, message: CHECK_FIELDS, fieldErrors: parsed.fieldErrors, values };
    await prisma.deliverySettings.upsert({
      where: { id: 1 },
      update: parsed.data,
      create: { id: 1, ...parsed.data },
    });
    refresh();
    return { ok: true, message: "Delivery settings saved." };
  });
}

/** Creates a zone (no id) or updates one. OWNER only; placed orders keep the fee they were charged. */
export async function saveZone(_prev: SettingsFormState, formData: FormData): Promise<Result> {
  return guarded(async (): Promise<Result> => {
    await requireOwner();
    const values = readZoneForm(formData);
    const parsed = zoneInput.safeParse(values);
    if (!parsed.success)
      return {
        ok: false,
        message: CHECK_FIELDS,
        fieldErrors: z.flattenError(parsed.error).fieldErrors,
        values,
      };
    const id = formData.get("id");
    try {
      if (typeof id === "string" && id) {
        const { count } = await prisma.deliveryZone.updateMany({ where: { id }, data: parsed.data });
        if (count === 0) return { ok: false, message: "That zone no longer exists. Reload the page." };
      } else {
        await prisma.deliveryZone.create({ data: parsed.data });
      }
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
        return {
          ok: false,
          message: CHECK_FIELDS,
          fieldErrors: { name: ["Another zone has this name."] },
          values,
        };
      throw e;
    }
    refresh();
    return { ok: true, message: `Saved ${parsed.data.name}.` };
  });
}
