import { createHash, randomBytes, randomInt } from "node:crypto";

// Hex only: Daraja dislikes words such as "exe" or "sql" in callback URLs, which base64 tokens can contain.
export function newCallbackToken(): string {
  return randomBytes(24).toString("hex");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The unguessable id in the shopper's order link. */
export function newPublicId(): string {
  return randomBytes(16).toString("base64url");
}

// No 0/O, 1/I: references are read out over the phone.
const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * A short human reference such as DK-7Q4M2X (unique: the checkout draws again when it is taken). `draw`
 * picks an index below its argument: crypto by default, a seeded one for the demo orders.
 */
export function newOrderReference(draw: (below: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[draw(REFERENCE_ALPHABET.length)];
  return `DK-${code}`;
}
