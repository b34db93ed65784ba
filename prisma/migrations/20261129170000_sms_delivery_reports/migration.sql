-- AlterEnum
ALTER TYPE "NotificationStatus" ADD VALUE 'DELIVERED';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "deliveredAt" TIMESTAMP(3);
