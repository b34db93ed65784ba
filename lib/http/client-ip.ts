import { BlockList, isIP } from "node:net";
import { env, type Env } from "@/lib/env";
import { peerAddress } from "./peer-address";

type Trust = Env["trustedProxies"];

const plain = (ip: string) => ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * The caller's IP, from headers only a trusted party can set. On Vercel the platform sets
 * x-vercel-forwarded-for; behind your own proxies TRUSTED_PROXIES says how many hops (or which addresses)
 * append to X-Forwarded-For; otherwise forwarding headers are the client's own words and only the socket
 * counts.
 */
export function clientIp(headers: Headers, trust: Trust = env.trustedProxies): string | null {
  const peer = peerAddress(headers);
  if (trust === null) return peer ? plain(peer) : null;
  if ("vercel" in trust) return valid(headers.get("x-vercel-forwarded-for")?.split(",")[0]);
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map(plain).filter(Boolean);
  if (peer) chain.push(plain(peer));
  if ("hops" in trust) {
    // Each trusted proxy appended the address it was reached from; the client is the hops-th from the end
    // (the socket, when known, is the last proxy itself).
    const index = chain.length - trust.hops - (peer ? 1 : 0);
    return valid(chain[Math.max(0, index)]);
  }
  const proxies = blockList(trust.addresses);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!isTrusted(proxies, chain[i]!) || i === 0) return valid(chain[i]);
  }
  return null;
}

function valid(ip: string | undefined): string | null {
  const candidate = ip ? plain(ip) : "";
  return isIP(candidate) ? candidate : null;
}

function blockList(addresses: string[]): BlockList {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address!) === 6 ? "ipv6" : "ipv4";
    if (prefix) list.addSubnet(address!, Number(prefix), family);
    else list.addAddress(address!, family);
  }
  return list;
}

function isTrusted(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 6 ? "ipv6" : "ipv4");
}
