"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { catalogChanged } from "@/lib/catalog/cache";
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { rearmLowStock } from "@/lib/notifications/low-stock";
import { combinations, type OptionsInput, parseOptions, parseVariantRows } from "./variant-input";

export type VariantFormState = ActionResult | null;

/** The editor shows the saved rows; the storefront's cached catalogue shows the new prices, stock and photos. */
function refresh(productId: string) {
  revalidatePath(`/dashboard/products/${productId}/variants`);
  catalogChanged();
}

/**
 * Replaces a product's options and makes a variant for every combination: combinations that already exist
 * keep their price, stock and SKU; ones no longer offered are archived (old orders keep pointing at them).
 * Without options the product sells its one default variant again.
 */
async function applyOptions(tx: Tx, productId: string, options: OptionsInput) {
  await tx.productOption.deleteMany({ where: { productId } });
  await tx.productOption.createMany({
    data: options.map((o, position) => ({ productId, name: o.name, values: o.values, position })),
  });
  const combos = options.length ? combinations(options) : [{ values: [], title: "" }];
  const titles = combos.map((c) => c.title);
  await tx.productVariant.updateMany({
    where: { productId, title: { notIn: titles } },
    data: { archived: true },
  });
  for (const [position, combo] of combos.entries()) {
    await tx.productVariant.upsert({
      where: { productId_title: { productId, title: combo.title } },
      update: { optionValues: combo.values, position, archived: false },
      create: { productId, title: combo.title, optionValues: combo.values, position },
    });
  }
  return combos.length;
}

export async function saveOptions(_prev: VariantFormState, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const productId = String(formData.get("productId") ?? "");
    const parsed = parseOptions(Object.fromEntries(formData));
    if (!parsed.ok)
      return refused("Check the highlighted fields.", parsed.fieldErrors, submittedValues(formData));
    const exists = await prisma.product.count({ where: { id: productId } });
    if (!exists) return refused("That product no longer exists.");
    const count = await prisma.$transaction((tx) => applyOptions(tx, productId, parsed.options));
    refresh(productId);
    return {
      ok: true,
      message: parsed.options.length
        ? `Saved: ${count} combination${count === 1 ? "" : "s"}. Set their stock below.`
        : "Saved: the product has no options.",
    };
  });
}

/** Saves every variant row at once. Stock is applied as the difference from what the form showed. */
export async function saveVariants(_prev: VariantFormState, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    await requireOwner();
    const productId = String(formData.get("productId") ?? "");
    const product = await prisma.product.findUnique({
      where: { id: productId },
      select: { priceKes: true, variants: { select: { id: true } } },
    });
    if (!product) return refused("This product no longer exists.");
    const form = Object.fromEntries(formData);
    const present = product.variants.map((v) => v.id).filter((id) => `${id}.stock` in form);
    const parsed = parseVariantRows(form, present, product.priceKes);
    if (!parsed.ok)
      return refused("Check the highlighted fields.", parsed.fieldErrors, submittedValues(formData));
    try {
      await prisma.$transaction(async (tx) => {
        for (const [id, row] of parsed.rows) {
          const { stock, stockSeen, onSale, ...data } = row;
          await tx.productVariant.update({ where: { id }, data: { ...data, archived: !onSale } });
          if (stockSeen !== undefined && stock !== stockSeen)
            await tx.$executeRaw`UPDATE "ProductVariant" SET "stock" = GREATEST("stock" + ${stock - stockSeen}, 0) WHERE "id" = ${id}`;
        }
        await rearmLowStock(tx, productId);
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
        return refused("Check the highlighted fields.", skuClash(parsed.rows), submittedValues(formData));
      throw e;
    }
    refresh(productId);
    return { ok: true, message: "Variants saved." };
  });
}

/** A SKU clash names no row: mark every SKU typed, since any of them may be the one in use. */
function skuClash(rows: Map<string, { sku: string | null }>) {
  const errors: Record<string, string[]> = {};
  for (const [id, row] of rows) if (row.sku) errors[`${id}.sku`] = ["Each SKU must be unique in the shop"];
  return errors;
}
