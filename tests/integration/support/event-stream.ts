/** A minimal server-sent events reader over fetch, for tests: each `data:` message parsed as JSON. */
export type EventReader = {
  status: number;
  headers: Headers;
  /** The next message, or "end" when the server closed the stream. Throws after timeoutMs. */
  next(timeoutMs?: number): Promise<Record<string, unknown> | "end">;
  close(): void;
};

export async function openEvents(url: string): Promise<EventReader> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" } });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let ended = false;
  const messages: Record<string, unknown>[] = [];

  async function fill(): Promise<void> {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (data) messages.push(JSON.parse(data) as Record<string, unknown>);
    }
  }

  return {
    status: response.status,
    headers: response.headers,
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length === 0 && !ended) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          fill(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), left);
          }),
        ]).finally(() => clearTimeout(timer));
      }
      return messages.shift() ?? "end";
    },
    close: () => abort.abort(),
  };
}
