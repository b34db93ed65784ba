/**
 * Reads at most maxBytes of a request body as UTF-8 (invalid bytes become U+FFFD), never more. `cutOff`: the
 * sender hung up before its whole body arrived. Next.js hands a route no body at all when the client is
 * already gone (a cold start slower than the sender's timeout), a stream that breaks mid-way throws, and a
 * Content-Length says how much was promised.
 */
/** The verdict's reason for a notification whose sender hung up before its body arrived. */
export const CUT_OFF = "cut off: the sender hung up before the whole body arrived";

export async function readCappedText(
  request: Request,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean; cutOff: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  let broken = false;
  const reader = request.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - size;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        size = maxBytes;
        truncated = true;
        await reader.cancel();
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    broken = true;
  }
  const promised = Number(request.headers.get("content-length") ?? NaN);
  const cutOff = broken || (!truncated && size < promised) || (size === 0 && request.signal.aborted);
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), truncated, cutOff };
}
