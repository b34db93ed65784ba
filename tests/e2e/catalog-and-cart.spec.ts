import { expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { answerOnPhone } from "./support/emulator";
import { Shop } from "./support/shop";

test.beforeAll(resetShop);

test("browse a category, search, and open a product", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /paid with M-Pesa/ })).toBeVisible();
  await page.getByRole("link", { name: "Crafts & Decor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Crafts & Decor" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Kisii Soapstone Elephant/ })).toBeVisible();

  await page.getByLabel("Search products").fill("coffee");
  await page.getByLabel("Search products").press("Enter");
  await expect(page.getByRole("heading", { name: "Results for “coffee”" })).toBeVisible();
  await page.getByRole("link", { name: /Kenya AA Coffee Beans/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kenya AA Coffee Beans 500g" })).toBeVisible();
  await expect(page.getByText("KES 1,450")).toBeVisible();
  await expect(page.getByRole("img", { name: "Kenya AA Coffee Beans 500g" })).toBeVisible();
});

test("search with odd characters is safe and says when nothing matches", async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('\'; DROP TABLE "Product"; -- %_\\')}`);
  await expect(page.getByText(/No products match/)).toBeVisible();
  await page.goto("/search?q=kikoy");
  await expect(page.getByText("1 product found")).toBeVisible();
});

test("cart: add two products, change a quantity, remove one, survive a reload", async ({ page }) => {
  const shop = new Shop(page);
  await shop.addToCart("kikoy-beach-towel", 1);
  await shop.expectCartCount(1);
  await shop.addToCart("kericho-gold-tea-250g", 2);
  await shop.expectCartCount(3);

  await shop.cartLink().click();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("subtotal")).toHaveText("KES 2,260");

  await shop.setCartQuantity("Kikoy Beach Towel", 3);
  await expect(page.getByTestId("subtotal")).toHaveText("KES 5,260");
  await shop.expectCartCount(5);

  // A box emptied to type a new number, or a number below 0, is refused beside it; the line stays as it was.
  const kikoy = shop.cartLine("Kikoy Beach Towel");
  for (const [typed, said] of [
    ["", "Type how many you want (0 removes it)."],
    ["-1", "Type a whole number, 0 or more."],
  ]) {
    await kikoy.getByLabel("Quantity of Kikoy Beach Towel").fill(typed!);
    await kikoy.getByRole("button", { name: "Update" }).click();
    await expect(kikoy.getByText(said!)).toBeVisible();
    await expect(page.getByTestId("cart-line")).toHaveCount(2);
    await expect(page.getByTestId("subtotal")).toHaveText("KES 5,260");
  }
  await shop.expectCartCount(5);

  await shop
    .cartLine("Kericho Gold Tea 250g")
    .getByRole("button", { name: "Remove Kericho Gold Tea 250g" })
    .click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("subtotal")).toHaveText("KES 4,500");

  await page.reload();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(shop.cartLine("Kikoy Beach Towel").getByLabel("Quantity of Kikoy Beach Towel")).toHaveValue(
    "3",
  );
  await expect(page.getByRole("button", { name: "Checkout" })).toBeVisible();

  await shop
    .cartLine("Kikoy Beach Towel")
    .getByRole("button", { name: /^Remove/ })
    .click();
  await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
  await shop.expectCartCount(0);
});

test("quantities are clamped to stock with a visible message", async ({ page }) => {
  const shop = new Shop(page);
  // Mau Forest Honey is seeded with 3 in stock.
  await page.goto("/products/mau-forest-honey-500g");
  await expect(page.getByText("Only 3 left")).toBeVisible();
  await page.getByLabel("Quantity").fill("5");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Only 3 of Mau Forest Honey 500g in stock: your cart has 3.")).toBeVisible();
  await shop.expectCartCount(3);

  await shop.cartLink().click();
  await shop.setCartQuantity("Mau Forest Honey 500g", 10);
  await expect(page.getByText(/Only 3 of Mau Forest Honey 500g left in stock/)).toBeVisible();
  await expect(page.getByTestId("subtotal")).toHaveText("KES 2,850");
});

test("a sold-out product cannot be added", async ({ page }) => {
  await page.goto("/products/njugu-karanga-500g");
  await expect(page.getByText("Sold out", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeDisabled();
});

test("unknown product and category slugs show the 404 page", async ({ page }) => {
  for (const path of [
    "/products/no-such-thing",
    "/products/no-such-thing/red-m",
    "/categories/nope",
    "/totally/unknown",
  ]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  }
});

test("a tampered cart cookie is repaired, not a crash", async ({ page, context, baseURL }) => {
  const url = new URL(baseURL!);
  for (const value of [
    "{not json",
    JSON.stringify([
      { p: "doesnotexist00", q: 2 },
      { p: 7, q: -1 },
    ]),
    JSON.stringify({ a: 1 }),
  ]) {
    await context.clearCookies();
    await context.addCookies([
      { name: "duka_cart", value: encodeURIComponent(value), domain: url.hostname, path: "/" },
    ]);
    const response = await page.goto("/cart");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
  }
  await context.clearCookies();
  await context.addCookies([
    {
      name: "duka_cart",
      value: "%5B%7B%22p%22%3A%22x%22%2C%22q%22%3A1e9%7D%5D",
      domain: url.hostname,
      path: "/",
    },
  ]);
  expect((await page.goto("/"))?.status()).toBe(200);
});

test("screenshot of the shop for the README", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Featured" })).toBeVisible();
  const path = process.env.UPDATE_DOCS_SCREENSHOTS ? "docs/shop.png" : "test-results/shop.png";
  await page.screenshot({ path, fullPage: false });
});

test("the shop's cached pages show a seller's change and a checkout's stock on the next visit", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const product = "/products/kenya-aa-coffee-500g";
  // The product page is served from cache: the second request is a hit.
  await page.request.get(product);
  expect((await page.request.get(product)).headers()["x-nextjs-cache"]).toBe("HIT");
  await page.goto(product);
  await expect(page.getByTestId("price").first()).toHaveText("KES 1,450");
  await page.goto("/categories/pantry");
  const coffee = page.getByRole("link", { name: /^Kenya AA Coffee Beans/ });
  await expect(coffee).toContainText("KES 1,450");
  // The cached page at 360 px, its header's cart count filled in by the browser.
  await new Shop(page).expectCartCount(0);
  await page.screenshot({ path: "test-results/cached-category-360.png" });

  const seller = await browser.newContext();
  const dashboard = await seller.newPage();
  await new Dashboard(dashboard).signInOk(OWNER.email, OWNER.password);
  const { id } = await withDb((db) =>
    db.product.findUniqueOrThrow({ where: { slug: "kenya-aa-coffee-500g" } }),
  );
  await dashboard.goto(`/dashboard/products/${id}/edit`);
  await dashboard.getByLabel("Price (KES)").fill("1500");
  await dashboard.getByLabel("Stock", { exact: true }).fill("2");
  await dashboard.getByRole("button", { name: "Save product" }).click();
  await expect(dashboard.getByRole("status").filter({ hasText: /^Saved/ })).toBeVisible();
  await seller.close();

  await page.reload();
  await expect(coffee).toContainText("KES 1,500");
  await expect(coffee).toContainText("Only 2 left");
  await page.goto("/");
  await expect(page.getByRole("link", { name: /^Kenya AA Coffee Beans/ })).toContainText("KES 1,500");
  await page.goto(product);
  await expect(page.getByTestId("price").first()).toHaveText("KES 1,500");
  await expect(page.getByText("Only 2 left")).toBeVisible();

  // A checkout takes the last two: the category page says so without the seller doing anything.
  const shop = new Shop(page);
  await shop.addToCart("kenya-aa-coffee-500g", 2);
  await page.goto("/checkout");
  await shop.chooseDelivery("Pick up at the shop");
  await page.getByLabel("Full name").fill("Achieng Otieno");
  await page.getByLabel("Phone number").fill("0711000191");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);
  const order = page.url();
  await page.goto("/categories/pantry");
  await expect(coffee).toContainText("Sold out");
  await new Shop(page).expectCartCount(0);

  // The product page too; while the unpaid order holds the stock, the browser asks when it may come back.
  await page.goto(product);
  await expect(page.getByText("Reserved", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Reserved by other shoppers: check back in 1[45] minutes\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeDisabled();
  await page.screenshot({ path: "test-results/cached-product-reserved-360.png" });

  // Paid: sold, not reserved.
  await answerOnPhone(await page.context().newPage(), "254711000191", "Pay");
  await page.bringToFront();
  await page.goto(order);
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await page.goto(product);
  await expect(page.getByText("Sold out", { exact: true })).toBeVisible();
  await expect(page.getByText("Sold out: check back soon.")).toBeVisible();
});
