export type HttpResult =
  | { kind: "response"; status: number; body: unknown; json: boolean }
  | { kind: "timeout" }
  | { kind: "network"; detail: string };

export type HttpRequest = {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: unknown;
};

/**
 * One HTTP exchange, body included, bounded by timeoutMs. The timer races the whole exchange rather than
 * relying on the abort signal alone, so a fetch that ignores the signal still cannot hang a checkout.
 */
export async function sendRequest(
  fetchFn: typeof fetch,
  req: HttpRequest,
  timeoutMs: number,
): Promise<HttpResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<HttpResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ kind: "timeout" });
    }, timeoutMs);
  });
  try {
    return await Promise.race([exchange(fetchFn, req, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function exchange(fetchFn: typeof fetch, req: HttpRequest, signal: AbortSignal): Promise<HttpResult> {
  try {
    const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
    const init: RequestInit = { method: req.method, headers, signal };
    if (req.body !== undefined) {
      init.body = JSON.stringify(req.body);
      headers["Content-Type"] = "application/json";
    }
    const response = await fetchFn(req.url, init);
    const text = await response.text();
    const body = parseJson(text);
    return { kind: "response", status: response.status, body: body.value, json: body.ok };
  } catch (error) {
    return { kind: "network", detail: describeNetworkError(error) };
  }
}

function parseJson(text: string): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: undefined };
  }
}

// Node's fetch says only "fetch failed"; the useful part (ECONNRESET, ECONNREFUSED...) is in the cause.
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return "request failed";
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = cause && "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
  return [error.name, error.message, code ?? cause?.message].filter(Boolean).join(": ");
}
