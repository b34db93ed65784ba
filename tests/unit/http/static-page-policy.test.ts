import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashedPagePolicy } from "@/lib/http/csp-policy.mjs";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const scriptSrc = (policy: string) => /script-src ([^;]+)/.exec(policy)?.[1] ?? "";

describe("the policy of a page served from cache", () => {
  const html =
    '<html><head><script src="/_next/static/chunks/a.js" async="" integrity="sha256-x"></script></head>' +
    "<body><script>(self.__next_f=self.__next_f||[]).push([0])</script>" +
    '<script id="flight">self.__next_f.push([1,"a\\u003cb"])</script></body></html>';

  it("allows exactly the page's inline scripts, by hash, and the built chunks from its own origin", () => {
    const script = scriptSrc(hashedPagePolicy(html));
    expect(script.split(" ")).toEqual([
      "'self'",
      sha("(self.__next_f=self.__next_f||[]).push([0])"),
      sha('self.__next_f.push([1,"a\\u003cb"])'),
    ]);
  });

  it("never allows inline scripts wholesale, nonces or eval", () => {
    expect(scriptSrc(hashedPagePolicy(html))).not.toMatch(/unsafe-inline|unsafe-eval|nonce-|strict-dynamic/);
  });

  it("keeps the rest of the shop's policy", () => {
    expect(hashedPagePolicy(html)).toMatch(
      /^default-src 'self'; .*object-src 'none'; frame-ancestors 'none'$/,
    );
  });
});
