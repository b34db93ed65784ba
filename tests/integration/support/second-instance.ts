/**
 * Another app instance for the live-status tests: its own process, its own database connections and its own
 * LISTEN connection, serving the live stream route handler over HTTP (as `next start` would), plus /mode
 * (how it hears changes). Prints its URL on the first line of stdout. Run with
 * `node --conditions=react-server --import tsx`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { GET as orderEvents } from "@/app/api/orders/[publicId]/events/route";
import { liveFeedMode } from "@/lib/live/order-changes";

const server = createServer(async (req, res) => {
  if (req.url === "/mode") return void res.end(liveFeedMode());
  const match = /^\/api\/orders\/([^/?]*)\/events$/.exec(req.url ?? "");
  if (!match) return void res.writeHead(404).end();
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const response = await orderEvents(new Request(`http://127.0.0.1${req.url}`, { signal: abort.signal }), {
    params: Promise.resolve({ publicId: decodeURIComponent(match[1]!) }),
  });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (response.body) Readable.fromWeb(response.body as never).pipe(res);
  else res.end();
});
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => process.exit(0));
