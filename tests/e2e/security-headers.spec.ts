import { expect, test, type Page } from "@playwright/test";
import { resetShop } from "./support/database";
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
  for (const path of ["/", "/products/kikoy-beach-towel", "/cart"]) {
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
