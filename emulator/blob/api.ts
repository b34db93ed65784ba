// Vercel Blob's stand-in: the put, copy, head, list and delete calls @vercel/blob makes, blobs kept in memory.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http-io";

/**
 * A stand-in for Vercel Blob's HTTP API (the one @vercel/blob calls; point it here with
 * VERCEL_BLOB_API_URL=<emulator>/blob-api): put (addRandomSuffix, content type from the pathname), copy,
 * head, list and delete of public blobs, kept in memory.
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

/** The body, or null when over 5 MB: read to its end either way, so the keep-alive socket serves the next call. */
async function readBytes(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BLOB_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BLOB_BYTES ? null : Buffer.concat(chunks);
}

// What Vercel Blob infers from the pathname's extension when no content type is given.
const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  svg: "image/svg+xml",
  txt: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
};

function contentTypeOf(pathname: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(pathname)?.[1]?.toLowerCase();
  return (extension && CONTENT_TYPES[extension]) ?? "application/octet-stream";
}

const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `products/a.jpg` -> `products/a-<random>.jpg` (20 letters and digits), as addRandomSuffix does. */
function withRandomSuffix(pathname: string): string {
  const suffix = Array.from(randomBytes(20), (b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join("");
  const dot = pathname.lastIndexOf(".");
  return dot > pathname.lastIndexOf("/")
    ? `${pathname.slice(0, dot)}-${suffix}${pathname.slice(dot)}`
    : `${pathname}-${suffix}`;
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

  /** put, and copy (a PUT naming `fromUrl`, whose bytes are the source blob's, not the empty body). */
  async function put(
    req: IncomingMessage,
    res: ServerResponse,
    storeId: string,
    requested: string,
    fromUrl: string | null,
  ) {
    const bytes = await readBytes(req);
    if (!bytes) return blobError(res, 400, "bad_request", "the file length cannot be greater than 5MB");
    const source = fromUrl ? blobs.get(fromUrl) : undefined;
    if (fromUrl && !source) return blobError(res, 404, "not_found", "The source blob does not exist");
    const pathname = req.headers["x-add-random-suffix"] === "1" ? withRandomSuffix(requested) : requested;
    const url = blobUrl(storeId, pathname);
    if (blobs.has(url) && req.headers["x-allow-overwrite"] !== "1")
      return blobError(res, 400, "bad_request", "This blob already exists, use `allowOverwrite: true`");
    const blob: StoredBlob = {
      bytes: source ? Buffer.from(source.bytes) : bytes,
      contentType: String(req.headers["x-content-type"] ?? source?.contentType ?? contentTypeOf(pathname)),
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

  /** list({ prefix, limit, cursor }): this store's blobs by pathname; the cursor is the offset. */
  function list(res: ServerResponse, storeId: string, params: URLSearchParams) {
    const prefix = params.get("prefix") ?? "";
    const limit = Math.min(Math.max(Number(params.get("limit") ?? 1000) || 1000, 1), 1000);
    const offset = Number(params.get("cursor") ?? 0) || 0;
    const host = blobUrl(storeId, "");
    const mine = [...blobs.entries()]
      .filter(([url]) => url.startsWith(host) && url.slice(host.length).startsWith(prefix))
      .sort(([a], [b]) => a.localeCompare(b));
    const page = mine.slice(offset, offset + limit);
    const hasMore = offset + limit < mine.length;
    sendJson(res, 200, {
      blobs: page.map(([url, blob]) => describe(url, blob)),
      hasMore,
      cursor: hasMore ? String(offset + limit) : undefined,
    });
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
      if (req.method === "PUT" && path === "/" && pathname)
        return put(req, res, storeId, pathname, url.searchParams.get("fromUrl"));
      if (req.method === "POST" && path === "/delete") return remove(req, res);
      if (req.method === "GET" && path === "/" && target) {
        const blob = blobs.get(target);
        return blob
          ? sendJson(res, 200, describe(target, blob))
          : blobError(res, 404, "not_found", "Not found");
      }
      if (req.method === "GET" && path === "/") return list(res, storeId, url.searchParams);
      blobError(res, 400, "bad_request", `Unsupported ${req.method} ${url.pathname}`);
    },
  };
}
