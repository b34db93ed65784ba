"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, guarded, requireOwner } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { productInput } from "./product-input";
import { saveProductImage } from "./uploads";

export type ProductFormState = ActionResult<{ id?: string }> | null;

function refreshCatalog(slug?: string) {
  revalidatePath("/dashboard/products");
  revalidatePath("/", "layout");
  if (slug) revalidatePath(`/products/${slug}`);
}

/** Creates a product (no id) or updates one. OWNER only. */
export async function saveProduct(
  _prev: ProductFormState,
  formData: FormData,
): Promise<ActionResult<{ id?: string }>> {
  return guarded(async () => {
    await requireOwner();
    const id = formData.get("id");
    const parsed = productInput.safeParse(Object.fromEntries([...formData].filter(([k]) => k !== "image")));
    const fieldErrors: Record<string, string[] | undefined> = parsed.success
      ? {}
      : z.flattenError(parsed.error).fieldErrors;

    const image = formData.get("image");
    let imageUrl: string | undefined;
    if (image instanceof File && image.size > 0) {
      const saved = parsed.success ? await saveProductImage(image) : null;
      if (saved?.ok === false) fieldErrors.image = [saved.error];
      if (saved?.ok) imageUrl = saved.url;
    } else if (!id) {
      fieldErrors.image = ["Add a photo of the product"];
    }
    if (!parsed.success || fieldErrors.image)
      return { ok: false, message: "Check the highlighted fields.", fieldErrors };

    const { stock, stockSeen, ...data } = parsed.data;
    try {
      if (typeof id === "string" && id) {
        const saved = await prisma.$transaction(async (tx) => {
          const product = await tx.product.update({
            where: { id },
            data: { ...data, ...(imageUrl ? { imageUrl } : {}) },
          });
          // Shoppers may have bought some while the form was open: apply the seller's change as a difference.
          const delta = stock - (stockSeen ?? product.stock);
          if (delta !== 0)
            await tx.$executeRaw`UPDATE "Product" SET "stock" = GREATEST("stock" + ${delta}, 0) WHERE "id" = ${id}`;
          return product;
        });
        refreshCatalog(saved.slug);
        return { ok: true, message: `Saved ${saved.name}.`, id: saved.id };
      }
      const created = await prisma.product.create({ data: { ...data, stock, imageUrl: imageUrl! } });
      refreshCatalog(created.slug);
      return { ok: true, message: `Created ${created.name}.`, id: created.id };
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        return {
          ok: false,
          message: "Check the highlighted fields.",
          fieldErrors: { slug: ["Another product already uses this web address"] },
        };
      }
      if (e instanceof Prisma.PrismaClientKnownRequestError && (e.code === "P2003" || e.code === "P2025")) {
        return { ok: false, message: "That product or category no longer exists." };
      }
      throw e;
    }
  });
}

/** Archives a product (hidden from the shop, kept for past orders) or brings it back. OWNER only. */
export async function setProductArchived(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const input = z
      .object({ id: z.string().min(1), archived: z.enum(["true", "false"]) })
      .safeParse(Object.fromEntries(formData));
    if (!input.success) return { ok: false, message: "Unknown product." };
    const { count } = await prisma.product.updateMany({
      where: { id: input.data.id },
      data: { active: input.data.archived === "false" },
    });
    if (count === 0) return { ok: false, message: "Unknown product." };
    refreshCatalog();
    return {
      ok: true,
      message:
        input.data.archived === "true" ? "Archived: no longer shown in the shop." : "Restored to the shop.",
    };
  });
}
