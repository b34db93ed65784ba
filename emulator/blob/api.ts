// Vercel Blob's stand-in: the put, head and delete calls @vercel/blob makes, blobs kept in memory.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http-io";

/**
 * A stand-in for Vercel Blob's HTTP API (the one @vercel/blob calls; point it here with
 * VERCEL_BLOB_API_URL=<emulator>/blob-api): put, head and delete of public blobs, kept in memory.
 * Tokens look like Vercel's, `vercel_blob_rw_<storeId>_<secret>`; the store id names the host of each URL.
 */
export const BLOB_API_PREFIX = "/blob-api";
const MAX_BLOB_BYTES = 5 * 1024 * 1024;
const TOKEN = /^Bearer vercel_blob_rw_([A-Za-z0-9]+)_\S+$/;

type StoredBlob = { bytes: Buffer; contentType: string; cacheControl: string; uploadedAt: Date };

const blobUrl = (storeId: string, pathname: string) =>
  `https://${storeId.toLowerCase()}.public.blob.vercel-storage.com/${pathname}`;

function blobError(res: ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { error: { code, message } });
}

async function readBytes(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BLOB_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function describe(url: string, blob: StoredBlob) {
  const pathname = new URL(url).pathname.slice(1);
  return {
    url,
    downloadUrl: `${url}?download=1`,
    pathname,
    size: blob.bytes.length,
    contentType: blob.contentType,
    contentDisposition: `inline; filename="${pathname.split("/").pop()}"`,
    cacheControl: blob.cacheControl,
    uploadedAt: blob.uploadedAt.toISOString(),
    etag: `"${createHash("md5").update(blob.bytes).digest("hex")}"`,
  };
}

export function createBlobApi() {
  const blobs = new Map<string, StoredBlob>();

  async function put(req: IncomingMessage, res: ServerResponse, storeId: string, pathname: string) {
    const url = blobUrl(storeId, pathname);
    if (blobs.has(url) && req.headers["x-allow-overwrite"] !== "1")
      return blobError(res, 400, "bad_request", "This blob already exists, use `allowOverwrite: true`");
    const bytes = await readBytes(req);
    if (!bytes) return blobError(res, 400, "bad_request", "the file length cannot be greater than 5MB");
    const blob: StoredBlob = {
      bytes,
      contentType: String(req.headers["x-content-type"] ?? "application/octet-stream"),
      cacheControl: `public, max-age=${req.headers["x-cache-control-max-age"] ?? 2_592_000}`,
      uploadedAt: new Date(),
    };
    blobs.set(url, blob);
    sendJson(res, 200, describe(url, blob));
  }

  async function remove(req: IncomingMessage, res: ServerResponse) {
    const body = (await readBytes(req))?.toString("utf8") ?? "";
    const urls = (JSON.parse(body || "{}") as { urls?: unknown }).urls;
    if (!Array.isArray(urls)) return blobError(res, 400, "bad_request", "urls is required");
    for (const url of urls) blobs.delete(String(url));
    sendJson(res, 200, {});
  }

  return {
    /** The stored file for a blob URL, so tests can check what the app uploaded. */
    file: (url: string) => blobs.get(url),
    async serve(req: IncomingMessage, res: ServerResponse, url: URL) {
      const storeId = TOKEN.exec(req.headers.authorization ?? "")?.[1];
      if (!storeId) return blobError(res, 403, "forbidden", "Access denied, please provide a valid token");
      const path = url.pathname.slice(BLOB_API_PREFIX.length) || "/";
      const pathname = url.searchParams.get("pathname");
      const target = url.searchParams.get("url");
      if (req.method === "PUT" && path === "/" && pathname) return put(req, res, storeId, pathname);
      if (req.method === "POST" && path === "/delete") return remove(req, res);
      if (req.method === "GET" && path === "/" && target) {
        const blob = blobs.get(target);
        return blob
          ? sendJson(res, 200, describe(target, blob))
          : blobError(res, 404, "not_found", "Not found");
      }
      blobError(res, 400, "bad_request", `Unsupported ${req.method} ${url.pathname}`);
    },
  };
}
