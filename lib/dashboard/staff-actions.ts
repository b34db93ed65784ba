"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clearLoginFailures, hashPassword } from "@/lib/auth/credentials";
import { type ActionResult, fieldErrorsOf, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { newStaffInput, staffPassword } from "./staff-input";

const password = staffPassword;

/** Creates a STAFF account with a password the owner hands over. OWNER only. */
export async function createStaff(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const values = submittedValues(formData, { omit: ["password"] });
    const parsed = newStaffInput.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return refused("Check the highlighted fields.", fieldErrorsOf(parsed.error), values);
    try {
      const { name, email } = parsed.data;
      await prisma.user.create({
        data: { name, email, role: "STAFF", passwordHash: await hashPassword(parsed.data.password) },
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        return refused(
          "Check the highlighted fields.",
          { email: ["An account with this email already exists"] },
          values,
        );
      }
      throw e;
    }
    revalidatePath("/dashboard/staff");
    return { ok: true, message: `Created an account for ${parsed.data.name}.` };
  });
}

/** Sets a new password for a team member and lifts a login lock. OWNER only. */
export async function resetStaffPassword(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const parsed = z.object({ id: z.string().min(1), password }).safeParse(Object.fromEntries(formData));
    if (!parsed.success)
      return {
        ok: false,
        message: "Check the new password.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors,
      };
    const user = await prisma.user.findUnique({ where: { id: parsed.data.id } });
    if (!user) return { ok: false, message: "Unknown account." };
    await prisma.user.update({
      where: { id: user.id },
      // Whoever signed in with the old password (a former colleague, a stolen phone) is signed out.
      data: { passwordHash: await hashPassword(parsed.data.password), sessionsValidFrom: new Date() },
    });
    await clearLoginFailures(user.email);
    revalidatePath("/dashboard/staff");
    return { ok: true, message: `New password set for ${user.name}.` };
  });
}

/** Disables (or re-enables) a STAFF account; a disabled account is signed out on its next request. OWNER only. */
export async function setStaffDisabled(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const owner = await requireOwner();
    const parsed = z
      .object({ id: z.string().min(1), disabled: z.enum(["true", "false"]) })
      .safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, message: "Unknown account." };
    if (parsed.data.id === owner.id) return { ok: false, message: "You cannot disable your own account." };
    // Only staff accounts: an owner account is never locked out from here.
    const { count } = await prisma.user.updateMany({
      where: { id: parsed.data.id, role: "STAFF" },
      data: { disabled: parsed.data.disabled === "true" },
    });
    if (count === 0) return { ok: false, message: "Only staff accounts can be disabled." };
    revalidatePath("/dashboard/staff");
    return {
      ok: true,
      message: parsed.data.disabled === "true" ? "Account disabled." : "Account enabled again.",
    };
  });
}
