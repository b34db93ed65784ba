/**
 * Result codes of the initiator APIs (docs/daraja.md 8.5), in words for the seller. The codes decide; an
 * unlisted code is a failure shown with Daraja's own description.
 */
const SELLER_WORDS: Record<string, string> = {
  "1": "The M-Pesa account the money would leave from has too little balance. Top it up, then try again.",
  "2001":
    "M-Pesa refused the initiator's credentials: check MPESA_INITIATOR_NAME and its password or credential.",
  "8006": "M-Pesa has locked the initiator after wrong credentials. Wait about 30 minutes or ask Safaricom.",
  R000001: "M-Pesa says this payment was already reversed.",
  R000002: "M-Pesa could not find this payment to reverse, or its amount does not match.",
  "2040": "M-Pesa says the receiving number is not a registered M-Pesa customer.",
};

export function describeInitiatorResult(resultCode: string, resultDesc: string): string {
  return SELLER_WORDS[resultCode] ?? `M-Pesa refused it: ${resultDesc || `result code ${resultCode}`}.`;
}
