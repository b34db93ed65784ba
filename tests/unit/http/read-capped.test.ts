import { describe, expect, it } from "vitest";
import { readCappedText } from "@/lib/http/read-capped";

const url = "http://shop.test/api/payments/paybill/token/confirm";
const body = JSON.stringify({ TransID: "UKL2QR5JMI", TransAmount: "1800.00" });

/** A body that sends its first bytes, then breaks: the sender's connection closed mid-way. */
function breakingStream(first: string) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    pull(controller) {
      controller.error(new Error("aborted"));
    },
  });
}

describe("reading what M-Pesa POSTed", () => {
  it("reads a whole body as it came", async () => {
    const read = await readCappedText(new Request(url, { method: "POST", body }), 1024);
    expect(read).toEqual({ text: body, truncated: false, cutOff: false });
  });

  it("keeps only the cap of an oversize body, which is not a sender hanging up", async () => {
    const read = await readCappedText(new Request(url, { method: "POST", body }), 10);
    expect(read).toEqual({ text: body.slice(0, 10), truncated: true, cutOff: false });
  });

  it("knows a body cut off: Next.js hands no body once the sender has hung up", async () => {
    const request = new Request(url, { method: "POST", signal: AbortSignal.abort() });
    expect(await readCappedText(request, 1024)).toEqual({ text: "", truncated: false, cutOff: true });
  });

  it("knows a body cut off when the stream breaks part way", async () => {
    const request = new Request(url, {
      method: "POST",
      body: breakingStream(body.slice(0, 20)),
      duplex: "half",
    } as RequestInit);
    expect(await readCappedText(request, 1024)).toEqual({
      text: body.slice(0, 20),
      truncated: false,
      cutOff: true,
    });
  });

  it("knows a body cut off when fewer bytes came than its Content-Length promised", async () => {
    const request = new Request(url, {
      method: "POST",
      body: body.slice(0, 20),
      headers: { "content-length": String(body.length) },
    });
    expect((await readCappedText(request, 1024)).cutOff).toBe(true);
  });

  it("takes an empty body from a sender still there as empty, not cut off", async () => {
    const read = await readCappedText(new Request(url, { method: "POST", body: "" }), 1024);
    expect(read).toEqual({ text: "", truncated: false, cutOff: false });
  });
});
