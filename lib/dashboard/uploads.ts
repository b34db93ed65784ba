import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { MAX_IMAGE_BYTES, MAX_IMAGE_LABEL } from "./image-limits";
import { IMAGE_TYPES, sniffImageType } from "./product-input";

export const UPLOAD_URL_PREFIX = "/api/uploads/";
const NAME = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

/**
 * Stores a product image under UPLOAD_DIR (default public/uploads) and returns its URL. Files written
 * after `next build` are not served from public/, so app/api/uploads serves them. On serverless hosts the
 * disk is not kept: use Vercel Blob (or S3) there (see README).
 */
export async function saveProductImage(
  file: File,
): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  if (file.size > MAX_IMAGE_BYTES)
    return { ok: false, error: `The image must be ${MAX_IMAGE_LABEL} or smaller` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: "Upload a JPEG, PNG or WebP image" };
  const name = `${randomUUID()}.${IMAGE_TYPES[type]}`;
  const dir = path.resolve(env.uploadDir);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), bytes);
  return { ok: true, url: `${UPLOAD_URL_PREFIX}${name}` };
}

/** Reads a stored image by its generated name (anything else is refused, so no path tricks). */
export async function readProductImage(name: string): Promise<{ bytes: Buffer; type: string } | null> {
  const match = NAME.exec(name);
  if (!match) return null;
  try {
    const bytes = await readFile(path.join(path.resolve(env.uploadDir), name));
    const type =
      Object.entries(IMAGE_TYPES).find(([, ext]) => ext === match[1])?.[0] ?? "application/octet-stream";
    return { bytes, type };
  } catch {
    return null;
  }
}
