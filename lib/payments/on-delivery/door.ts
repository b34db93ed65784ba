import "server-only";
import { prisma } from "@/lib/db";
import { type RetryResult, promptAgain } from "../stk/retry";

/**
 * "Send M-Pesa prompt" at the door: one more attempt on the order, through the same push, callback, STK
 * query and Pay Bill machinery as the shopper's own retry. The order keeps its customer's number even when
 * someone else (a typed number) pays.
 */
export function sendDoorPrompt(reference: string, phone?: string, by?: string): Promise<RetryResult> {
  return promptAgain({ reference }, { phone, atTheDoor: true, by });
}

/** The seller refuses pay on delivery from a number that never pays (checkout then asks to pay now). */
export async function blockNumber(phone: string, by: string, reason: string) {
  await prisma.blockedPhone.upsert({
    where: { phone },
    create: { phone, blockedBy: by, reason },
    update: {},
  });
}
