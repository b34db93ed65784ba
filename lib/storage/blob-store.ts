import "server-only";
import { randomUUID } from "node:crypto";
import { del, put } from "@vercel/blob";
import type { ImageStore } from "./image-store";

/** Blob URLs look like https://<store id>.public.blob.vercel-storage.com/<pathname>. */
const BLOB_HOST = /\.public\.blob\.vercel-storage\.com$/;

/**
 * Vercel Blob through its SDK. The SDK reads VERCEL_BLOB_API_URL for its API address, which is how the
 * tests point it at the emulator's stand-in.
 */
export function blobImageStore(token: string): ImageStore {
  return {
    kind: "blob",
    async save(image) {
      const blob = await put(`products/${randomUUID()}.${image.extension}`, Buffer.from(image.bytes), {
        access: "public",
        contentType: image.contentType,
        addRandomSuffix: false,
        // Names are never reused, so browsers and the CDN may keep a copy for a year.
        cacheControlMaxAge: 31_536_000,
        token,
      });
      return blob.url;
    },
    async remove(url) {
      if (isBlobUrl(url)) await del(url, { token });
    },
  };
}

function isBlobUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && BLOB_HOST.test(parsed.hostname);
  } catch {
    return false;
  }
}
