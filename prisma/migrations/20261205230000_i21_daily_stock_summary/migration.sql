-- The morning stock summary (issue 21): the EAT day it was done, claimed by one conditional update so the
-- cron and the requests' sweep send it once per day between them.
ALTER TABLE "NotificationSettings" ADD COLUMN "stockSummarySentOn" DATE;
