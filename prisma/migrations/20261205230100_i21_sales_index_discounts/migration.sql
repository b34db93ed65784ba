-- The overview's revenue figures split what was charged into goods and delivery, and show the discount given
-- (issue 21): a free-delivery code takes its discount off the delivery fee. The KPI and chart query stays an
-- index-only scan with the discount's amount and kind in the partial covering index (see
-- 20261205190500_i23_dashboard_indexes: partial indexes live in migrations only, not in schema.prisma).
DROP INDEX IF EXISTS "Order_paid_sales_idx";
CREATE INDEX "Order_paid_sales_idx" ON "Order" ("paidAt")
  INCLUDE ("totalKes", "deliveryFeeKes", "discountKes", "discountKind")
  WHERE "status" = 'PAID' AND NOT "isTest";
