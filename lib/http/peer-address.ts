import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";

// Next.js gives route handlers no socket, and fills X-Forwarded-For from it only when the client sent none,
// so the address that really connected is stamped on each request under a header name drawn at start: a
// client cannot send a header it cannot name. Shared through globalThis because Next bundles each route apart.
const HEADER_NAME = Symbol.for("duka.peerAddressHeader");
type Stamped = typeof globalThis & { [HEADER_NAME]?: string };

/** Called once at server start (instrumentation.ts): every request then carries its socket's address. */
export function stampPeerAddresses() {
  const global = globalThis as Stamped;
  if (global[HEADER_NAME]) return;
  const name = `x-duka-peer-${randomBytes(12).toString("hex")}`;
  global[HEADER_NAME] = name;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[name] = req.socket.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

/** The address of the socket the request came in on, when the server stamps it. */
export function peerAddress(headers: Headers): string | null {
  const name = peerAddressHeader();
  return (name && headers.get(name)) || null;
}

/** The header name the stamp uses in this process (null before stampPeerAddresses ran). */
export function peerAddressHeader(): string | null {
  return (globalThis as Stamped)[HEADER_NAME] ?? null;
}
