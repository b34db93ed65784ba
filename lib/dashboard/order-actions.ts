"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, guarded, requireSeller } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";

const input = z.object({
  reference: z.string().min(1).max(40),
  fulfilment: z.enum(["FULFILLED", "UNFULFILLED"]),
});

/** Marks a paid order fulfilled (or back to unfulfilled). Owner and staff alike. */
export async function setFulfilment(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    await requireSeller();
    const parsed = input.safeParse({
      reference: formData.get("reference"),
      fulfilment: formData.get("fulfilment"),
    });
    if (!parsed.success) return { ok: false, message: "Unknown order or action." };
    const { reference, fulfilment } = parsed.data;
    // Only a paid order can be handed over; the condition sits in the update so a race cannot slip by.
    const { count } = await prisma.order.updateMany({
      where: { reference, status: "PAID" },
      data: { fulfilment, fulfilledAt: fulfilment === "FULFILLED" ? new Date() : null },
    });
    if (count === 0) return { ok: false, message: "Only paid orders can be fulfilled." };
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: fulfilment === "FULFILLED" ? "Marked fulfilled." : "Marked unfulfilled." };
  });
}
