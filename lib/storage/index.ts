import "server-only";
import { env } from "@/lib/env";
import { blobImageStore } from "./blob-store";
import type { ImageStore } from "./image-store";
import { localImageStore } from "./local-store";

export { checkImage, type CheckedImage } from "./image-check";

let current: ImageStore | undefined;

/** Vercel Blob when BLOB_READ_WRITE_TOKEN is set, else the local folder UPLOAD_DIR. */
export function imageStore(): ImageStore {
  current ??= env.storage.blobToken ? blobImageStore(env.storage.blobToken) : localImageStore(env.uploadDir);
  return current;
}

/** The local folder, for the route that serves its files (it serves nothing when Blob is in use). */
export function localUploads() {
  return localImageStore(env.uploadDir);
}
