import "server-only";
import { payments } from "../shared/context";

/** ResultURL and QueueTimeOutURL of one initiator request: its secret token in the path (no filtered words). */
export function resultUrls(token: string) {
  const base = `${payments().callbackBaseUrl}/api/payments/result/${token}`;
  return { resultUrl: `${base}/done`, timeoutUrl: `${base}/timeout` };
}
