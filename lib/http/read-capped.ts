/** Reads at most maxBytes of a request body as UTF-8 (invalid bytes become U+FFFD), never more. */
export async function readCappedText(
  request: Request,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!request.body) return { text: "", truncated: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), truncated };
}
