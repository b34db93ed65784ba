import { maskPhone } from "@/lib/daraja";

/** "+2547******149" or "o***@duka.test": enough to tell recipients apart, not to contact them. */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf("@");
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  return `+${maskPhone(recipient)}`;
}
