-- AlterTable
ALTER TABLE "StatusCheck" ADD COLUMN     "shopperMessage" TEXT;
