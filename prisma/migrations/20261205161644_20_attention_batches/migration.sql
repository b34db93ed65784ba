-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "reasonsCovered" INTEGER NOT NULL DEFAULT 0;
