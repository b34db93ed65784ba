-- The overview shows the discount given and the delivery fees actually charged (issue 21): the discounted
-- paid sales, read from the index alone. Partial, so the KPI query over all sales ("Order_paid_sales_idx")
-- stays as narrow as it was and orders without a code add nothing here. Partial indexes live in migrations
-- only, not in schema.prisma (see 20261205190500_i23_dashboard_indexes).
CREATE INDEX "Order_paid_discounts_idx" ON "Order" ("paidAt") INCLUDE ("discountKes", "discountKind")
  WHERE "status" = 'PAID' AND NOT "isTest" AND "discountKes" > 0;
