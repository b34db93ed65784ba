import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { IMAGE_TYPES } from "./image-check";
import type { ImageStore } from "./image-store";

const UPLOAD_URL_PREFIX = "/api/uploads/";
const NAME = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

/**
 * A folder on this server's disk. Files written after `next build` are not served from public/, so
 * app/api/uploads serves them. Serverless disks are wiped between calls: use Vercel Blob there.
 */
export function localImageStore(dir: string): ImageStore & {
  read(name: string): Promise<{ bytes: Buffer; type: string } | null>;
} {
  const root = path.resolve(dir);
  return {
    kind: "local",
    async save(image) {
      const name = `${randomUUID()}.${image.extension}`;
      await mkdir(root, { recursive: true });
      // The folder is configuration (UPLOAD_DIR), not code: the build must not trace it.
      await writeFile(path.join(/*turbopackIgnore: true*/ root, name), image.bytes);
      return `${UPLOAD_URL_PREFIX}${name}`;
    },
    async remove(url) {
      const name = url.startsWith(UPLOAD_URL_PREFIX) ? url.slice(UPLOAD_URL_PREFIX.length) : "";
      if (NAME.test(name)) await rm(path.join(/*turbopackIgnore: true*/ root, name), { force: true });
    },
    read: (name) => readLocalImage(root, name),
  };
}

/** Reads a stored image by its generated name (anything else is refused, so no path tricks). */
async function readLocalImage(root: string, name: string): Promise<{ bytes: Buffer; type: string } | null> {
  const match = NAME.exec(name);
  if (!match) return null;
  try {
    const bytes = await readFile(path.join(/*turbopackIgnore: true*/ root, name));
    const type =
      Object.entries(IMAGE_TYPES).find(([, ext]) => ext === match[1])?.[0] ?? "application/octet-stream";
    return { bytes, type };
  } catch {
    return null;
  }
}
