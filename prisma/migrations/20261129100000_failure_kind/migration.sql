-- CreateEnum
CREATE TYPE "FailureKind" AS ENUM ('SHOPPER_DECLINED', 'SHOPPER_ACCOUNT', 'NOT_ANSWERED', 'DARAJA_REFUSED', 'SHOP_CONFIGURATION', 'AMOUNT_MISMATCH', 'UNKNOWN');

-- AlterTable
ALTER TABLE "PaymentAttempt" ADD COLUMN     "failureKind" "FailureKind";


-- Backfill: failures recorded before the kind existed, from their raw code (unlisted codes stay UNKNOWN).
UPDATE "PaymentAttempt" SET "failureKind" = CASE
  WHEN "resultCode" = 'AMOUNT_MISMATCH' THEN 'AMOUNT_MISMATCH'
  WHEN "resultCode" IN ('1032', '2001') THEN 'SHOPPER_DECLINED'
  WHEN "resultCode" IN ('1', '2', '3', '4', '8', '17', '8006') THEN 'SHOPPER_ACCOUNT'
  WHEN "resultCode" IN ('1001', '1019', '1025', '1037', '9999') THEN 'NOT_ANSWERED'
  WHEN "resultCode" IN ('2028', 'SFC_IC0003', 'wrong_credentials') THEN 'SHOP_CONFIGURATION'
  WHEN "resultCode" LIKE '%.%.%' THEN 'DARAJA_REFUSED'
  ELSE 'UNKNOWN'
END::"FailureKind"
WHERE "status" = 'FAILED';
