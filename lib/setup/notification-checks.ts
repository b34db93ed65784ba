import "server-only";
import type { SetupCheck } from "./checks";

/** The seam for notification channels (SMS, email): each adds its own checks here. */
export async function notificationChecks(): Promise<SetupCheck[]> {
  return [
    {
      id: "notifications",
      label: "Notifications",
      status: "info",
      detail: "Not configured: you see new orders on the dashboard only.",
    },
  ];
}
