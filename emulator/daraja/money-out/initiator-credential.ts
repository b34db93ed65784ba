import { constants, privateDecrypt } from "node:crypto";
import { INITIATOR_PRIVATE_KEY } from "./initiator-key";

/**
 * Reads a SecurityCredential: RSA with PKCS#1 v1.5 padding (docs/daraja.md 8.1). Node refuses that padding
 * for private decryption (CVE-2023-46809), so the block is decrypted raw and unpadded here: a test double
 * need not resist timing attacks. Null when it is not a credential made with our certificate.
 */
export function decryptCredential(credential: string): string | null {
  try {
    const block = privateDecrypt(
      { key: INITIATOR_PRIVATE_KEY, padding: constants.RSA_NO_PADDING },
      Buffer.from(credential, "base64"),
    );
    if (block[0] !== 0 || block[1] !== 2) return null;
    const separator = block.indexOf(0, 2);
    return separator >= 10 ? block.subarray(separator + 1).toString("utf8") : null;
  } catch {
    return null;
  }
}

/** Whether this initiator and credential are one the emulator knows (else ResultCode 2001). */
export function initiatorAccepted(
  initiators: Record<string, string>,
  name: string,
  credential: string,
): boolean {
  const password = initiators[name];
  return password !== undefined && decryptCredential(credential) === password;
}
