import { MAX_IMAGE_BYTES, MAX_IMAGE_MB } from "./limits";

export const IMAGE_TYPES = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" } as const;
type ImageType = keyof typeof IMAGE_TYPES;

/** An upload that passed the checks: its bytes, its real type and the extension that goes with it. */
export type CheckedImage = { bytes: Uint8Array; contentType: ImageType; extension: string };

/** Checks an upload by its first bytes, not by the type the browser claims (SVG can carry scripts). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return "image/webp";
  return null;
}

/** The seller-facing verdict on an uploaded file; nothing is stored here. */
export async function checkImage(
  file: File,
): Promise<{ ok: true; image: CheckedImage } | { ok: false; error: string }> {
  if (file.size === 0) return { ok: false, error: "The file is empty: choose a photo" };
  if (file.size > MAX_IMAGE_BYTES)
    return { ok: false, error: `The image must be ${MAX_IMAGE_MB} MB or smaller` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentType = sniffImageType(bytes);
  if (!contentType) return { ok: false, error: "Upload a JPEG, PNG or WebP image" };
  return { ok: true, image: { bytes, contentType, extension: IMAGE_TYPES[contentType] } };
}
