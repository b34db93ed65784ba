"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fieldErrorsOf, refused } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { codeInput, type CodeFormValues, readCodeForm } from "./code-input";

export type CodeFormState = ActionResult<{ id?: string }, CodeFormValues> | null;

/**
 * Creates a code (no id) or edits one. OWNER only. Editing changes the code's version: a shopper who
 * applied it before is shown the new total before paying (lib/payments/stk/checkout.ts).
 */
export async function saveCode(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  return guarded(async (): Promise<NonNullable<CodeFormState>> => {
    await requireOwner();
    const id = String(formData.get("id") ?? "");
    const values = readCodeForm(formData);
    const parsed = codeInput.safeParse(values);
    if (!parsed.success)
      return {
        ...refused("Check the highlighted fields.", fieldErrorsOf(parsed.error)),
        values,
      };
    try {
      const saved = id
        ? await prisma.discountCode.update({ where: { id }, data: parsed.data })
        : await prisma.discountCode.create({ data: parsed.data });
      revalidatePath("/dashboard/discounts");
      return { ok: true, message: `Saved ${saved.code}.`, id: saved.id, values };
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
        return {
          ...refused("Check the highlighted fields.", { code: ["Another code is already called that"] }),
          values,
        };
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025")
        return { ...refused("That code no longer exists."), values };
      throw e;
    }
  });
}
