// Time to first byte, measured with node:http: from handing the request to the socket to the response's
// status line and headers (the 'response' event, which fires on the first bytes the server sends), and to
// its last byte. Each connection is a keep-alive socket asking its requests one after the other, so a figure
// is one request's own time, not a queue of them.
import http from "node:http";
import { performance } from "node:perf_hooks";

export type Sample = { ttfb: number; total: number; bytes: number; encoding: string; status: number };

/** One GET on `agent` (keep-alive); resolves once the whole body is in. */
function timedGet(agent: http.Agent, url: string, headers: Record<string, string>) {
  return new Promise<Sample>((resolve, reject) => {
    let start = 0;
    const req = http.get(url, { agent, headers }, (res) => {
      const ttfb = performance.now() - start;
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () =>
        resolve({
          ttfb,
          total: performance.now() - start,
          bytes,
          encoding: String(res.headers["content-encoding"] ?? "none"),
          status: res.statusCode ?? 0,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    // The clock starts when the request goes out on its (already open) socket, not while it waits for one.
    req.on("socket", () => (start = performance.now()));
  });
}

export const keepAlive = (connections: number) =>
  new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });

/**
 * `requests` GETs of `url` over `connections` keep-alive sockets, each socket asking one request at a time
 * (a new one as soon as its last response ends).
 */
export async function measure(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
  connections: number,
  requests: number,
) {
  const samples: Sample[] = [];
  let left = requests;
  const worker = async () => {
    while (left-- > 0) samples.push(await timedGet(agent, url, headers));
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return samples;
}
