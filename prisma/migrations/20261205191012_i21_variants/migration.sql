-- Variants: every product gets one default variant holding its stock, and order items and payment link lines
-- of a product point at a variant.

-- CreateTable
CREATE TABLE "ProductOption" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "values" TEXT[],

    CONSTRAINT "ProductOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductVariant" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "optionValues" TEXT[],
    "title" TEXT NOT NULL DEFAULT '',
    "priceKes" INTEGER,
    "compareAtKes" INTEGER,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "sku" TEXT,
    "imageUrl" TEXT,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "lowStockAlertedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductVariant_pkey" PRIMARY KEY ("id")
);

-- The default variant of each existing product takes over its stock.
INSERT INTO "ProductVariant" ("id", "productId", "optionValues", "title", "stock", "updatedAt")
SELECT 'v' || "id", "id", ARRAY[]::TEXT[], '', "stock", CURRENT_TIMESTAMP FROM "Product";

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN     "sku" TEXT,
ADD COLUMN     "variantId" TEXT,
ADD COLUMN     "variantTitle" TEXT NOT NULL DEFAULT '';

-- Catalogue lines point at the default variant of their product: a custom line of the seller (no product) has none.
UPDATE "OrderItem" SET "variantId" = 'v' || "productId" WHERE "productId" IS NOT NULL;

-- AlterTable
ALTER TABLE "PaymentLinkLine" ADD COLUMN     "variantId" TEXT;

UPDATE "PaymentLinkLine" SET "variantId" = 'v' || "productId" WHERE "productId" IS NOT NULL;

-- AlterTable
ALTER TABLE "Product" DROP COLUMN "stock",
ADD COLUMN     "compareAtKes" INTEGER,
ADD COLUMN     "lowStockThreshold" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "ProductOption_productId_name_key" ON "ProductOption"("productId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ProductVariant_sku_key" ON "ProductVariant"("sku");

-- CreateIndex
CREATE INDEX "ProductVariant_productId_archived_idx" ON "ProductVariant"("productId", "archived");

-- CreateIndex
CREATE UNIQUE INDEX "ProductVariant_productId_title_key" ON "ProductVariant"("productId", "title");

-- CreateIndex
CREATE INDEX "OrderItem_variantId_idx" ON "OrderItem"("variantId");

-- AddForeignKey
ALTER TABLE "ProductOption" ADD CONSTRAINT "ProductOption_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "ProductVariant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
