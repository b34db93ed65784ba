/**
 * Which requests reach proxy.ts, decided the way Next.js decides it: its build reads the matcher from
 * proxy.ts's source, and its server tests each request against the result (Next.js's own code, not a copy).
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getPageStaticInfo } from "next/dist/build/analysis/get-page-static-info";
import { loadBindings } from "next/dist/build/swc";
import { getMiddlewareRouteMatcher } from "next/dist/shared/lib/router/utils/middleware-route-matcher";
import { isMalformedPath } from "@/lib/http/content-security-policy";
import { isCachedPage } from "@/lib/http/static-pages";

let reachesProxy: (pathname: string, headers?: Record<string, string>) => boolean;

beforeAll(async () => {
  await loadBindings();
  const info = await getPageStaticInfo({
    pageFilePath: path.resolve("proxy.ts"),
    nextConfig: {},
    isDev: false,
    page: "/proxy",
    pageType: "root" as never,
  });
  const matches = getMiddlewareRouteMatcher(info.middleware?.matchers ?? []);
  reachesProxy = (pathname, headers = {}) => matches(pathname, { headers } as never, {});
}, 60_000);

const CACHED = [
  "/",
  "/track",
  "/login/forgot",
  "/categories/pantry",
  "/categories/home-and-kitchen",
  "/products/kikoy-beach-towel",
  "/products/ankara-wrap-dress/red-m",
  "/products/ankara-wrap-dress/red-m/",
];

describe("proxy.ts's matcher", () => {
  it("lets GET and HEAD of the pages served from cache skip proxy.ts", () => {
    for (const page of CACHED) {
      expect(isCachedPage(page), page).toBe(true);
      expect(reachesProxy(page), page).toBe(false);
    }
  });

  it("still sends server actions posted to those pages through proxy.ts (another site's gets a 403 there)", () => {
    for (const page of CACHED) expect(reachesProxy(page, { "next-action": "7f7f" }), page).toBe(true);
  });

  it("sends a form posted to them without JavaScript through proxy.ts, for the nonce of the page it answers with", () => {
    for (const page of CACHED) {
      for (const type of ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded"])
        expect(reachesProxy(page, { "content-type": type }), page).toBe(true);
    }
  });

  it("still sends a malformed category or product address through proxy.ts, which answers 400", () => {
    for (const page of [
      "/categories/%ZZ",
      "/categories/%E0%A4%A",
      "/products/%E0%A4%A",
      "/products/dress/%ZZ",
    ]) {
      expect(isMalformedPath(page), page).toBe(true);
      expect(reachesProxy(page), page).toBe(true);
    }
  });

  it("sends every page rendered per request through proxy.ts, for its nonce or the dashboard's gate", () => {
    for (const page of [
      "/cart",
      "/checkout",
      "/search",
      "/orders/abc123",
      "/login",
      "/dashboard",
      "/dashboard/orders",
      "/api/cart",
      "/trackers",
      "/categories/pantry/extra",
      "/products/ankara-wrap-dress/red-m/extra",
    ]) {
      expect(isCachedPage(page), page).toBe(false);
      expect(reachesProxy(page), page).toBe(true);
    }
  });

  it("keeps built assets and the files in public/ away from proxy.ts", () => {
    for (const file of ["/_next/static/chunks/app.js", "/products/kikoy-beach-towel.svg", "/icon.png"])
      expect(reachesProxy(file), file).toBe(false);
  });
});
