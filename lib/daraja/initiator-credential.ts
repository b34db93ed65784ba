import { constants, publicEncrypt } from "node:crypto";
import type { DarajaEnv } from "./types";
import { EMULATOR_CERTIFICATE, PRODUCTION_CERTIFICATE, SANDBOX_CERTIFICATE } from "./initiator-certificates";

const CERTIFICATES: Record<DarajaEnv, string> = {
  emulator: EMULATOR_CERTIFICATE,
  sandbox: SANDBOX_CERTIFICATE,
  production: PRODUCTION_CERTIFICATE,
};

export function certificateFor(env: DarajaEnv): string {
  return CERTIFICATES[env];
}

/**
 * SecurityCredential: the initiator's password RSA-encrypted (PKCS#1 v1.5, not OAEP) with the environment's
 * public certificate, base64 (docs/daraja.md 8.1). Random padding: two calls give two different strings.
 */
export function securityCredential(password: string, certificatePem: string): string {
  const encrypted = publicEncrypt(
    { key: certificatePem, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(password, "utf8"),
  );
  return encrypted.toString("base64");
}
