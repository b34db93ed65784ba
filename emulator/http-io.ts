// Small node:http helpers: read a bounded body, write JSON or HTML.
import { type IncomingMessage, type ServerResponse, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

const MAX_BODY_BYTES = 1_000_000;

export type ReadBody = { text: string; tooLarge: boolean };

/**
 * Reads the whole body but keeps at most MAX_BODY_BYTES: the rest is read and dropped, so an answer to an
 * oversize request leaves the keep-alive connection ready for the next one.
 */
export async function readBody(req: IncomingMessage): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  if (size > MAX_BODY_BYTES) return { text: "", tooLarge: true };
  return { text: Buffer.concat(chunks).toString("utf8"), tooLarge: false };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

/**
 * The cut fault: POSTs the headers and half the body, gives the receiver a moment to start reading, then
 * hangs up, as Safaricom does when the shop answers slower than it waits: the body never arrives whole.
 */
export async function postHalfThenHangUp(url: string, rawBody: string, headers: Record<string, string>) {
  const body = Buffer.from(rawBody);
  const request = url.startsWith("https:") ? httpsRequest : httpRequest;
  const req = request(url, { method: "POST", headers: { ...headers, "content-length": body.length } });
  req.on("error", () => undefined);
  req.write(body.subarray(0, body.length >> 1));
  await new Promise((later) => setTimeout(later, 300));
  req.destroy();
}
