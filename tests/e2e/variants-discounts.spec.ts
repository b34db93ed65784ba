import { expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { answerOnPhone, emulator } from "./support/emulator";
import { layoutProblems } from "./support/layout";

test.beforeAll(resetShop);
// Whole journeys (shop, phone, dashboard) on a shared machine: more than the default minute.
test.describe.configure({ timeout: 180_000 });
test.beforeEach(async ({ page }) => {
  await emulator.reset();
  await withDb((db) => db.rateLimitCounter.deleteMany());
  await page.setViewportSize({ width: 360, height: 780 });
});

test("the default variant's own address names the product's page as canonical, other variants their own", async ({
  page,
}) => {
  const canonical = page.locator('link[rel="canonical"]');
  const ogUrl = page.locator('meta[property="og:url"]');
  // Blue / S is the first variant in stock: /products/ankara-wrap-dress shows it, and so does its own address.
  for (const path of ["/products/ankara-wrap-dress", "/products/ankara-wrap-dress/blue-s"]) {
    await page.goto(path);
    await expect(page.getByText("Size: S")).toBeVisible();
    await expect(canonical, path).toHaveAttribute("href", /\/products\/ankara-wrap-dress$/);
    await expect(ogUrl, path).toHaveAttribute("content", /\/products\/ankara-wrap-dress$/);
  }
  // Shared from the default variant's page, the link still opens that variant whatever the default becomes.
  await expect(page.getByRole("link", { name: "Share on WhatsApp" })).toHaveAttribute(
    "href",
    new RegExp(encodeURIComponent("/products/ankara-wrap-dress/blue-s") + "$"),
  );
  await page.goto("/products/ankara-wrap-dress/blue-m");
  await expect(canonical).toHaveAttribute("href", /\/products\/ankara-wrap-dress\/blue-m$/);
});

test("pick Red / M, see its price, apply KARIBU10, pay; the seller sees variant and discount on the order and in the CSV", async ({
  page,
  context,
}, testInfo) => {
  await page.goto("/products/ankara-wrap-dress");
  await expect(page.getByTestId("price").first()).toHaveText("KES 2,500");
  // Each variant has its own address, served from cache like the product's.
  await page.getByRole("link", { name: "Colour Red", exact: true }).click();
  await expect(page).toHaveURL(/\/products\/ankara-wrap-dress\/red-s$/);
  await expect(page.getByTestId("price").first()).toHaveText("KES 2,800");
  await page.getByRole("link", { name: "Size M", exact: true }).click();
  await expect(page).toHaveURL(/\/products\/ankara-wrap-dress\/red-m$/);
  await expect(page.getByText("Size: M")).toBeVisible();
  await expect(page.getByRole("img", { name: "Ankara Wrap Dress, Red / M" })).toBeVisible();
  // What a shared link carries: the variant's address, its price and photo.
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    /\/products\/ankara-wrap-dress\/red-m$/,
  );
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
    "content",
    "Ankara Wrap Dress, Red / M · KES 2,800",
  );
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    /\/products\/ankara-wrap-dress-red\.svg$/,
  );
  await expect(page.getByRole("link", { name: "Share on WhatsApp" })).toHaveAttribute(
    "href",
    new RegExp(encodeURIComponent("/products/ankara-wrap-dress/red-m") + "$"),
  );
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("variant-red-m-360.png"), fullPage: true });

  // A sold-out combination is shown as such and cannot be added.
  await page.goto("/products/ankara-wrap-dress/yellow-xl");
  await expect(page.getByRole("link", { name: "Size XL, sold out" })).toBeVisible();
  await expect(page.getByText("Sold out: check back soon.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeDisabled();

  // Links shared before variants had their own address still open the variant they named.
  await page.goto("/products/ankara-wrap-dress?colour=red&size=m");
  await expect(page).toHaveURL(/\/products\/ankara-wrap-dress\/red-m$/);
  const redM = await withDb((db) =>
    db.productVariant.findFirstOrThrow({
      where: { title: "Red / M", product: { slug: "ankara-wrap-dress" } },
    }),
  );
  await page.goto(`/products/ankara-wrap-dress?variant=${redM.id}`);
  // (next.config.ts passes the query on; the variant's page reads none.)
  await expect(page).toHaveURL(new RegExp(`/products/ankara-wrap-dress/${redM.id}\\?variant=`));
  await expect(page.getByText("Size: M")).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/ankara-wrap-dress\/red-m$/);
  // A variant that is no longer sold (or an address naming none) opens the product.
  await page.goto("/products/ankara-wrap-dress/purple-xxl");
  await expect(page).toHaveURL(/\/products\/ankara-wrap-dress$/);
  await expect(page.getByRole("heading", { name: "Ankara Wrap Dress" })).toBeVisible();

  await page.goto("/products/ankara-wrap-dress/red-m");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added Ankara Wrap Dress, Red / M to your cart.")).toBeVisible();
  // The cart line links back to the variant.
  await page.goto("/cart");
  await page.getByRole("link", { name: "Ankara Wrap Dress" }).click();
  await expect(page.getByText("Size: M")).toBeVisible();

  await page.goto("/checkout");
  await page.getByRole("radio", { name: /^Pick up at the shop/ }).check();
  await page.getByLabel("Discount code").fill("nope");
  await page.getByRole("button", { name: "Apply" }).click();
  // The refusal sits under the field, once (the form's error summary links to it), and the field keeps
  // what was typed.
  await expect(page.locator("#field-discountCode-error")).toHaveText(
    "We do not know the code NOPE. Check the spelling.",
  );
  await expect(page.getByTestId("error-summary").getByRole("link", { name: "Discount code" })).toBeVisible();
  await expect(page.getByText("We do not know the code NOPE.")).toHaveCount(1);
  await expect(page.getByLabel("Discount code")).toHaveValue("nope");
  await page.getByLabel("Discount code").fill(" karibu 10 ");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Code KARIBU10 applied.")).toBeVisible();
  await page.getByRole("radio", { name: /^Pick up at the shop/ }).check();
  await expect(page.getByTestId("checkout-discount")).toHaveText("−KES 280");
  await expect(page.getByTestId("checkout-total")).toHaveText("KES 2,520");
  await page.getByLabel("Full name").fill("Akinyi Otieno");
  await page.getByLabel("Phone number").fill("0711 000 221");
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("checkout-code-360.png"), fullPage: true });
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);
  const publicId = page.url().split("/").pop()!;

  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000221", "Pay");
  await page.bringToFront();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByText("Discount (KARIBU10)")).toBeVisible();

  const order = await withDb((db) => db.order.findUniqueOrThrow({ where: { publicId } }));
  expect(order).toMatchObject({ totalKes: 2520, discountKes: 280, status: "PAID" });
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto(`/dashboard/orders/${order.reference}`);
  await expect(page.getByText("1 × Ankara Wrap Dress, Red / M")).toBeVisible();
  await expect(page.getByTestId("order-discount")).toContainText("KARIBU10");
  await expect(page.getByTestId("order-discount")).toContainText("−KES 280");
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("seller-order-variant-360.png"), fullPage: true });
  const csv = await (await page.request.get("/api/dashboard/orders/export")).text();
  const row = csv.split("\n").find((l) => l.startsWith(order.reference))!;
  expect(row).toContain("1 x Ankara Wrap Dress, Red / M");
  expect(row).toContain("KARIBU10,280");

  await page.goto("/dashboard/discounts");
  await expect(
    page.getByTestId("code-card").filter({ hasText: "KARIBU10" }).getByTestId("code-uses"),
  ).toHaveText("1");

  // The overview counts what was charged and shows the discount given.
  await page.goto("/dashboard");
  await expect(page.getByTestId("kpi-last-30-days").getByTestId("kpi-discount")).toHaveText(
    "Discounts given KES 280",
  );
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("overview-discount-360.png"), fullPage: true });
});

test("the owner creates a product with two options and a discount code on a phone", async ({
  page,
}, testInfo) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/products/new");
  await page.getByLabel("Name").fill("Kikoy shirt");
  await page.getByLabel("Web address (slug)").fill("kikoy-shirt");
  await page.getByLabel("Description").fill("Cotton kikoy shirt, made in Mombasa.");
  await page.getByLabel("Price (KES)").fill("1800");
  await page.getByLabel("Stock", { exact: true }).fill("0");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByLabel("Photo").setInputFiles("public/icons/dashboard-512.png");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Created Kikoy shirt.")).toBeVisible();
  const product = await withDb((db) => db.product.findUniqueOrThrow({ where: { slug: "kikoy-shirt" } }));

  await page.goto(`/dashboard/products/${product.id}/variants`);
  await page.getByLabel("Option 1 name").fill("Size");
  await page.getByLabel("Values, separated by commas").first().fill("S, M, L");
  await page.getByLabel("Option 2 name").fill("Colour");
  await page.getByLabel("Values, separated by commas").nth(1).fill("Blue, ");
  await page.getByRole("button", { name: "Save options" }).click();
  await expect(page.getByText("Saved: 3 combinations. Set their stock below.")).toBeVisible();
  await page.getByLabel("Values, separated by commas").nth(1).fill("Blue, White");
  await page.getByRole("button", { name: "Save options" }).click();
  await expect(page.getByText("Saved: 6 combinations. Set their stock below.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("variant-card")).toHaveCount(6);
  const mBlue = page.getByTestId("variant-card").filter({ hasText: "M / Blue" });
  await mBlue.getByLabel("Stock").fill("-2");
  await page.getByRole("button", { name: "Save variants" }).click();
  await expect(mBlue.getByText("The stock must be at least 0")).toBeVisible();
  // Said once, under the box; the summary's link names the variant, since every card has a Stock box.
  await expect(page.getByText("The stock must be at least 0")).toHaveCount(1);
  await expect(
    page.getByTestId("error-summary").getByRole("link", { name: "Stock of M / Blue", exact: true }),
  ).toBeVisible();
  await expect(mBlue.getByLabel("Stock")).toHaveValue("-2");
  await mBlue.getByLabel("Stock").fill("4");
  await mBlue.getByLabel("Price (KES)").fill("1950");
  await page.getByRole("button", { name: "Save variants" }).click();
  await expect(page.getByText("Variants saved.")).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("owner-variants-360.png"), fullPage: true });

  await page.goto("/products/kikoy-shirt/m-blue");
  await expect(page.getByTestId("price").first()).toHaveText("KES 1,950");
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeEnabled();

  await page.goto("/dashboard/discounts/new");
  await page.getByLabel("Code").fill("weekend 10");
  await page.getByLabel("Gives").selectOption("PERCENT");
  await page.getByLabel("Percent or KES").fill("150");
  await page.getByRole("button", { name: "Create code" }).click();
  await expect(page.locator("#field-value-error")).toHaveText("Enter a percentage from 1 to 100");
  await expect(page.getByLabel("Code")).toHaveValue("weekend 10");
  await page.getByLabel("Percent or KES").fill("10");
  await page.getByLabel("Uses per phone").fill("1");
  await page.getByRole("button", { name: "Create code" }).click();
  await expect(page.getByText("Saved WEEKEND10.")).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("owner-code-360.png"), fullPage: true });
  await page.goto("/dashboard/discounts");
  await expect(page.getByTestId("code-card").filter({ hasText: "WEEKEND10" })).toContainText("10% off");
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("owner-codes-list-360.png"), fullPage: true });
});

test("without JavaScript a shopper picks a variant by its link and adds it to the cart", async ({
  browser,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 780 },
  });
  const page = await context.newPage();
  await page.goto("/products/ankara-wrap-dress");
  await page.getByRole("link", { name: "Colour Red", exact: true }).click();
  await page.getByRole("link", { name: "Size M", exact: true }).click();
  await expect(page).toHaveURL(/\/products\/ankara-wrap-dress\/red-m$/);
  await expect(page.getByTestId("price").first()).toHaveText("KES 2,800");
  const posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added Ankara Wrap Dress, Red / M to your cart.")).toBeVisible();
  // The page rendered for the form's answer is rendered for this request: its policy names a fresh nonce, the
  // one its scripts carry, and nothing inline without it.
  const answer = await posted;
  const policy = answer.headers()["content-security-policy"] ?? "";
  const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(await answer.text()).toContain(`nonce="${nonce}"`);
  expect(policy).not.toMatch(/script-src [^;]*unsafe-inline/);
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line").filter({ hasText: "Red / M" })).toHaveCount(1);
  await context.close();
});
