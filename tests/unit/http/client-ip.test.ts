import { beforeAll, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";
import { peerAddressHeader, stampPeerAddresses } from "@/lib/http/peer-address";

beforeAll(() => stampPeerAddresses());

/** A request as the server hands it on: the headers the client sent, plus the stamped socket address. */
function request(peer: string | null, sent: Record<string, string> = {}) {
  const headers = new Headers(sent);
  if (peer) headers.set(peerAddressHeader()!, peer);
  return headers;
}

const spoofs = {
  "x-forwarded-for": "196.201.214.200",
  "x-real-ip": "196.201.214.206",
  "x-vercel-forwarded-for": "196.201.214.207",
};

describe("the client's IP", () => {
  it("is the socket's address when no proxy is trusted, whatever forwarding headers the client sends", () => {
    expect(clientIp(request("127.0.0.1", spoofs), null)).toBe("127.0.0.1");
    expect(clientIp(request("::ffff:41.90.1.2", spoofs), null)).toBe("41.90.1.2");
    expect(clientIp(request(null, spoofs), null)).toBeNull();
  });

  it("cannot be set by a header whose name the client guesses", () => {
    const guessed = new Headers({ "x-duka-peer": "196.201.214.200", ...spoofs });
    expect(clientIp(guessed, null)).toBeNull();
  });

  it("is the platform's header on Vercel", () => {
    expect(clientIp(request(null, spoofs), { vercel: true })).toBe("196.201.214.207");
  });

  it("skips exactly the trusted hops of X-Forwarded-For", () => {
    const viaOneProxy = request("10.0.0.5", { "x-forwarded-for": "196.201.214.200, 41.90.1.2" });
    expect(clientIp(viaOneProxy, { hops: 1 })).toBe("41.90.1.2");
    const viaTwo = request("10.0.0.5", { "x-forwarded-for": "196.201.214.200, 41.90.1.2, 10.0.0.9" });
    expect(clientIp(viaTwo, { hops: 2 })).toBe("41.90.1.2");
    expect(clientIp(request("10.0.0.5"), { hops: 1 })).toBe("10.0.0.5");
  });

  it("walks X-Forwarded-For back through trusted proxy addresses only", () => {
    const trust = { addresses: ["10.0.0.0/8"] };
    const forged = { "x-forwarded-for": "196.201.214.200, 41.90.1.2, 10.1.2.3" };
    expect(clientIp(request("10.0.0.5", forged), trust)).toBe("41.90.1.2");
    // Straight from the internet, not through the proxy: the header is the client's own.
    expect(clientIp(request("41.90.9.9", forged), trust)).toBe("41.90.9.9");
  });
});
