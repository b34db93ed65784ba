"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  type ActionResult,
  type FormValues,
  fieldErrorsOf,
  refused,
  submittedValues,
} from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { catalogChanged } from "@/lib/catalog/cache";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { rearmLowStock } from "@/lib/notifications/low-stock";
import { productInput } from "./product-input";
import { freeSlug } from "./product-slug";
import { productImageUpload, removeProductImage } from "./product-images";

export type ProductFormState = ActionResult<{ id?: string }> | null;

/** Shown for an archived product whose photo was deleted, until the seller uploads a new one. */
const NO_PHOTO_URL = "/products/no-photo.svg";

/** The dashboard's list, and the storefront's cached pages (home, categories, the product's own). */
function refreshCatalog() {
  revalidatePath("/dashboard/products");
  catalogChanged();
}

const SLUG_TAKEN = "Another product already uses this web address";

function knownFailure(e: unknown, values: FormValues): Extract<ActionResult, { ok: false }> | null {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
    return refused("Check the highlighted fields.", { slug: [SLUG_TAKEN] }, values);
  if (e instanceof Prisma.PrismaClientKnownRequestError && (e.code === "P2003" || e.code === "P2025"))
    return refused("That product or category no longer exists.", undefined, values);
  return null;
}

/**
 * Creates a product (no id) or updates one. OWNER only. The photo is stored only once every field is
 * valid, deleted again if the database refuses the change, and a replaced photo is deleted after commit.
 */
export async function saveProduct(
  _prev: ProductFormState,
  formData: FormData,
): Promise<ActionResult<{ id?: string }>> {
  return guarded(async () => {
    await requireOwner();
    const id = formData.get("id");
    const values = submittedValues(formData);
    const parsed = productInput.safeParse(values);
    const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
    const upload = await productImageUpload(formData.get("image"), { required: !id });
    if (!upload.ok) fieldErrors.image = [upload.error];
    if (!parsed.success || !upload.ok) return refused("Check the highlighted fields.", fieldErrors, values);

    const { stock, stockSeen, ...typed } = parsed.data;
    // No web address typed: one is made from the name, numbered if another product has it.
    const data = {
      ...typed,
      slug: typed.slug || (await freeSlug(typed.name, typeof id === "string" ? id : null)),
    };
    const imageUrl = upload.image ? await upload.store() : undefined;
    try {
      if (typeof id === "string" && id) {
        const { product, oldImageUrl } = await prisma.$transaction(async (tx) => {
          const before = await tx.product.findUniqueOrThrow({ where: { id }, select: { imageUrl: true } });
          const product = await tx.product.update({
            where: { id },
            data: { ...data, ...(imageUrl ? { imageUrl } : {}) },
          });
          // Shoppers may have bought some while the form was open: apply the seller's change as a difference.
          // Only a product without options has its stock on this form (its one default variant).
          const delta = stock - (stockSeen ?? stock);
          if (delta !== 0)
            await tx.$executeRaw`UPDATE "ProductVariant" SET "stock" = GREATEST("stock" + ${delta}, 0) WHERE "productId" = ${id} AND "title" = '' AND NOT "archived"`;
          await rearmLowStock(tx, id);
          return { product, oldImageUrl: before.imageUrl };
        });
        if (imageUrl) await removeProductImage(oldImageUrl);
        refreshCatalog();
        return { ok: true, message: `Saved ${product.name}.`, id: product.id };
      }
      const created = await prisma.product.create({
        data: { ...data, imageUrl: imageUrl!, variants: { create: { stock } } },
      });
      refreshCatalog();
      return { ok: true, message: `Created ${created.name}.`, id: created.id };
    } catch (e) {
      if (imageUrl) await removeProductImage(imageUrl);
      const failure = knownFailure(e, values);
      if (failure) return failure;
      throw e;
    }
  });
}

/**
 * Archives a product (hidden from the shop, kept for past orders) or brings it back. OWNER only.
 * Archiving deletes its uploaded photo: a stored file nobody sees is only a cost (and a leak).
 */
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
    const archiving = input.data.archived === "true";
    const before = await prisma.product.findUnique({
      where: { id: input.data.id },
      select: { imageUrl: true },
    });
    if (!before) return { ok: false, message: "Unknown product." };
    const { count } = await prisma.product.updateMany({
      where: { id: input.data.id, imageUrl: before.imageUrl },
      data: { active: !archiving, ...(archiving ? { imageUrl: NO_PHOTO_URL } : {}) },
    });
    if (count === 0) return { ok: false, message: "The product changed meanwhile: reload and try again." };
    if (archiving) await removeProductImage(before.imageUrl);
    refreshCatalog();
    return {
      ok: true,
      message: archiving ? "Archived: no longer shown in the shop." : "Restored to the shop.",
    };
  });
}
