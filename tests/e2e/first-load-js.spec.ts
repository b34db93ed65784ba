import { expect, test } from "@playwright/test";
import { firstLoadJs } from "../../scripts/js-budget";
import { resetShop } from "./support/database";

test.beforeAll(resetShop);

// scripts/js-budget.ts holds these pages to a first-load JavaScript budget computed from the build's
// manifests. Its files must be the scripts a browser fetches from the page's HTML on a first visit, or the
// budget measures something else: not the noModule polyfills, not the 404 page's chunks; what the page
// imports lazily once running (the header's cart count) is not first-load.
test("the JavaScript budget counts the scripts a browser fetches on a first visit", async ({ page }) => {
  const routes = firstLoadJs();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  let fromHtml: string[] = [];
  cdp.on("Network.requestWillBeSent", ({ type, initiator, request }) => {
    if (type === "Script" && initiator.type === "parser")
      fromHtml.push(new URL(request.url).pathname.replace("/_next/", ""));
  });
  for (const [path, route] of [
    ["/", "/"],
    ["/categories/pantry", "/categories/[slug]"],
    ["/products/kikoy-beach-towel", "/products/[slug]"],
    // A variant's own page (its budget is the product page's) and a sold-out product, whose page shows the
    // live sold-out badge instead of the stock count.
    ["/products/ankara-wrap-dress/red-m", "/products/[slug]/[variant]"],
    ["/products/njugu-karanga-500g", "/products/[slug]"],
  ] as const) {
    fromHtml = [];
    await page.goto(path, { waitUntil: "networkidle" });
    if (path === "/products/njugu-karanga-500g")
      await expect(page.getByText("Sold out", { exact: true }).first()).toBeVisible();
    const counted = routes.find((r) => r.route === route)?.files;
    expect(counted, route).toBeDefined();
    expect(fromHtml.sort(), path).toEqual([...counted!].sort());
  }
});
