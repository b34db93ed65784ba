-- Dashboard at 100,000 orders (issue 23). Every index here is partial: Prisma's schema cannot describe a
-- partial index, and `migrate diff` / `migrate dev` leave partial indexes alone, so none of this needs a
-- line in schema.prisma (and the schema stays free for other changes to merge over).

-- Name search ("wanjiku" in the orders search box) by trigram index instead of a scan of every order.
-- ILIKE is strict, so the planner proves `IS NOT NULL` from the query and uses this index as is.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Order_customerName_trgm_idx" ON "Order" USING gin ("customerName" gin_trgm_ops)
  WHERE "customerName" IS NOT NULL;

-- KPIs and the revenue chart: paid sales by paidAt, read from the index alone (no table visits).
CREATE INDEX "Order_paid_sales_idx" ON "Order" ("paidAt") INCLUDE ("totalKes", "deliveryFeeKes")
  WHERE "status" = 'PAID' AND NOT "isTest";

-- Payment success and failure reasons of the last 30 days, read from the index alone.
CREATE INDEX "PaymentAttempt_outcome_idx" ON "PaymentAttempt" ("createdAt")
  INCLUDE ("status", "failureKind", "resultCode", "orderId")
  WHERE "status" IN ('SUCCEEDED', 'FAILED');

-- The owner's KES 1 test orders, left out of every figure: a handful of rows to anti-join against.
CREATE INDEX "Order_test_idx" ON "Order" ("id") WHERE "isTest";
