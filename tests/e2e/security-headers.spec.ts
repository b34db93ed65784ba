import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { catalogChangedBehindTheAppsBack, resetShop, withDb } from "./support/database";
import { Shop } from "./support/shop";

test.beforeAll(resetShop);

const EXPECTED: Record<string, RegExp> = {
  "content-security-policy": /default-src 'self'.*frame-ancestors 'none'/,
  "strict-transport-security": /^max-age=63072000; includeSubDomains; preload$/,
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^strict-origin-when-cross-origin$/,
  "permissions-policy": /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
  "x-frame-options": /^DENY$/,
};

/** Collects CSP violations two ways: the console report and the DOM's securitypolicyviolation event. */
async function watchViolations(page: Page) {
  const reported: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) reported.push(text);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => [
    ...reported,
    ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
  ];
}

test("pages send the security headers", async ({ page }) => {
  for (const path of ["/", "/categories/pantry", "/products/kikoy-beach-towel", "/cart"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const headers = response!.headers();
    for (const [name, pattern] of Object.entries(EXPECTED))
      expect(headers[name], `${name} on ${path}`).toMatch(pattern);
    // No 'unsafe-eval' in a production build; that is for `next dev` only.
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
});

test("the storefront runs under its CSP: browse, add to cart, open the cart", async ({ page }) => {
  const violations = await watchViolations(page);
  const shop = new Shop(page);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Featured" })).toBeVisible();
  await shop.addToCart("kikoy-beach-towel", 2);
  await shop.expectCartCount(2);
  await shop.cartLink().click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await shop.setCartQuantity("Kikoy Beach Towel", 1);
  await shop.expectCartCount(1);
  // Hydration ran (client components answered), so scripts were allowed to execute.
  await expect(page.getByRole("button", { name: "Checkout" })).toBeVisible();

  expect(await violations()).toEqual([]);
});

test("checkout, the order page and the seller login run under the CSP", async ({ page }) => {
  const violations = await watchViolations(page);
  await new Shop(page).addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByLabel("Full name").fill("Njeri Wambui");
  await page.getByLabel("Phone number").fill("0711000150");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  // The countdown ticks only if the order page's client code runs.
  const countdown = page.getByText(/The prompt expires in/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!);
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await violations()).toEqual([]);
});

/** The script-src directive of a page's policy. */
const scriptSrc = (csp: string | undefined) => /script-src ([^;]+)/.exec(csp ?? "")?.[1] ?? "";

test("home, category and product pages come from cache under a hash-based CSP; others keep a fresh nonce", async ({
  request,
}) => {
  for (const path of [
    "/",
    "/categories/pantry",
    "/products/kikoy-beach-towel",
    "/products/ankara-wrap-dress/red-m",
    "/track",
  ]) {
    const first = await request.get(path);
    const second = await request.get(path);
    expect(first.status(), path).toBe(200);
    // The same page for everyone, cacheable, and so the same policy each time: no nonce in it.
    expect(first.headers()["cache-control"], path).toMatch(/s-maxage=\d+/);
    expect(
      first.headersArray().filter((h) => /content-security-policy/i.test(h.name)),
      path,
    ).toHaveLength(1);
    expect(second.headers()["x-nextjs-cache"], path).toBe("HIT");
    const script = scriptSrc(first.headers()["content-security-policy"]);
    expect(script, path).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);
    expect(second.headers()["content-security-policy"]).toBe(first.headers()["content-security-policy"]);
    // Each inline script of the page is named by its hash, and no other is allowed.
    const inline = [...(await first.text()).matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)];
    expect(inline.length, path).toBeGreaterThan(0);
    for (const [, body] of inline) {
      const digest = createHash("sha256").update(body!).digest("base64");
      expect(script, path).toContain(`'sha256-${digest}'`);
    }
    // The built chunks carry their integrity hash.
    expect(await first.text()).toMatch(/<script src="\/_next\/static\/[^"]+" integrity="sha256-/);
  }
  for (const path of ["/search?q=kikoy", "/cart"]) {
    const [a, b] = [await request.get(path), await request.get(path)];
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc(a.headers()["content-security-policy"]))?.[1];
    expect(nonce, path).toBeTruthy();
    expect(scriptSrc(b.headers()["content-security-policy"])).not.toContain(nonce!);
    expect(a.headers()["cache-control"], path).toMatch(/no-store/);
  }
});

test("a cached page hydrates under its hashes, and a change to the catalogue shows on the next visit", async ({
  page,
}) => {
  const violations = await watchViolations(page);
  // The header's count is a client island: it fills in only if the page's scripts ran.
  const home = await page.goto("/");
  expect(scriptSrc(home!.headers()["content-security-policy"])).toMatch(/^'self' 'sha256-/);
  await new Shop(page).expectCartCount(0);
  await page.goto("/products/kenya-aa-coffee-500g");
  await new Shop(page).expectCartCount(0);
  await page.goto("/categories/pantry");
  await expect(page.getByRole("link", { name: /^Kenya AA Coffee/ })).toBeVisible();
  await new Shop(page).expectCartCount(0);
  await withDb((db) =>
    db.product.update({ where: { slug: "kenya-aa-coffee-500g" }, data: { priceKes: 1234 } }),
  );
  await catalogChangedBehindTheAppsBack();
  await page.reload();
  await expect(page.getByRole("link", { name: /^Kenya AA Coffee/ })).toContainText("KES 1,234");
  await page.goto("/products/kenya-aa-coffee-500g");
  await expect(page.getByTestId("price").first()).toHaveText("KES 1,234");
  expect(await violations()).toEqual([]);
});

test("files in public/ skip the proxy but still cannot run scripts", async ({ request }) => {
  const svg = await request.get("/products/kikoy-beach-towel.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);
  expect(svg.headers()["x-content-type-options"]).toBe("nosniff");
});
