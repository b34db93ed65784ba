import { type Page, expect, test } from "@playwright/test";
import { resetShop, withDb } from "./support/database";
import { E2E } from "./support/e2e-env";
import { layoutProblems, smallTapTargets, zoomingTextBoxes } from "./support/layout";
import { Shop } from "./support/shop";

// What a shopper on a 360 x 740 phone meets while choosing: quantities, delivery and the product page.
test.use({ viewport: { width: 360, height: 740 } });
test.beforeAll(resetShop);

async function shot(page: Page, name: string) {
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `test-results/shopper-${name}.png`, fullPage: true });
}

test("one quantity rule, shown where the quantity is chosen: product page, cart and checkout agree", async ({
  page,
  context,
}) => {
  const shop = new Shop(page);
  // The demo's limits: at most 10 of one product, 30 items in one order (MAX_QUANTITY_PER_LINE, MAX_ITEMS_PER_ORDER).
  await page.goto("/products/kericho-gold-tea-250g");
  const quantity = page.getByLabel("Quantity");
  await expect(quantity).toHaveAttribute("max", "10");
  await expect(page.getByText("At most 10 per order")).toBeVisible();
  await quantity.fill("25");
  // Said beside the box as it is typed, before any tap on the button.
  await expect(quantity).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(
    page.getByText("You can buy at most 10 of Kericho Gold Tea 250g in one order: your cart has 10."),
  ).toBeVisible();
  await shop.expectCartCount(10);
  await shot(page, "quantity-product");

  // The cart's box has the same limit and says it beside the box.
  await shop.cartLink().click();
  const line = shop.cartLine("Kericho Gold Tea 250g");
  await expect(line.getByLabel("Quantity of Kericho Gold Tea 250g")).toHaveAttribute("max", "10");
  await expect(line.getByText("At most 10 per order")).toBeVisible();
  await shop.setCartQuantity("Kericho Gold Tea 250g", 25);
  await expect(
    line.getByText("You can buy at most 10 of Kericho Gold Tea 250g in one order: your cart has 10."),
  ).toBeVisible();
  await expect(line.getByLabel("Quantity of Kericho Gold Tea 250g")).toHaveValue("10");
  await shot(page, "quantity-cart");

  // The order cap: 10 + 10 + 8 fit; of 5 more of a fourth product only 2 go in, and the reason is said.
  await shop.addToCart("kenya-aa-coffee-500g", 10);
  await shop.addToCart("kikoy-beach-towel", 8);
  await page.goto("/products/mwiko-set");
  await page.getByLabel("Quantity").fill("5");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(
    page.getByText("One order can hold at most 30 items: your cart has 2 of ", { exact: false }),
  ).toBeVisible();
  await shop.expectCartCount(30);

  // Checkout never takes a name and phone for a cart it would refuse: a cart from before the rule says so first.
  const tea = await withDb((db) =>
    db.productVariant.findFirstOrThrow({ where: { product: { slug: "kericho-gold-tea-250g" } } }),
  );
  await context.addCookies([
    { name: "duka_cart", value: encodeURIComponent(JSON.stringify([{ v: tea.id, q: 25 }])), url: E2E.appUrl },
  ]);
  await page.goto("/checkout");
  await expect(page.getByRole("alert").filter({ hasText: /\w/ })).toHaveText(
    "You can buy at most 10 of Kericho Gold Tea 250g in one order.",
  );
  await expect(page.getByLabel("Full name")).toHaveCount(0);
  await shot(page, "quantity-checkout");
  await page.getByRole("link", { name: "Change the quantities in your cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
});

test("delivery: each zone lists its counties; a county no zone reaches says so at once and offers pickup", async ({
  page,
  browser,
}) => {
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 1);
  await page.goto("/checkout");
  const options = page.getByTestId("delivery-options");
  await expect(options.getByRole("radio", { name: /^Nairobi CBD/ })).toHaveAccessibleName(
    /Delivers to Nairobi/,
  );
  await expect(options.getByRole("radio", { name: /^Nairobi suburbs/ })).toHaveAccessibleName(
    /Delivers to Nairobi, Kiambu, Machakos and Kajiado/,
  );
  await expect(options.getByRole("radio", { name: /^Rest of Kenya/ })).toHaveAccessibleName(
    /Delivers anywhere in Kenya/,
  );

  // A county the chosen zone does not reach: the zones that do are named at once.
  await shop.chooseDelivery("Nairobi CBD");
  await page.getByLabel("County").selectOption("Kiambu");
  await expect(page.getByTestId("county-coverage")).toHaveText(
    "Nairobi CBD does not deliver to Kiambu. Nairobi suburbs or Rest of Kenya by courier does: choose it above.",
  );

  // With no courier, a far county has no zone at all: pickup is offered there and then.
  await withDb((db) =>
    db.deliveryZone.update({ where: { name: "Rest of Kenya by courier" }, data: { active: false } }),
  );
  try {
    await page.reload();
    await shop.chooseDelivery("Nairobi CBD");
    await page.getByLabel("County").selectOption("Turkana");
    const coverage = page.getByTestId("county-coverage");
    await expect(coverage).toContainText(
      "We do not deliver to Turkana yet. Pick up your order at the shop instead",
    );
    await shot(page, "county-unserved");
    await coverage.getByRole("button", { name: "Pick up at the shop instead" }).click();
    await expect(page.getByRole("radio", { name: /^Pick up at the shop/ })).toBeChecked();
    await expect(page.getByLabel("County")).toHaveCount(0);

    // Without JavaScript the form still works: the same words come back beside the county, typing kept.
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
    });
    await noJs.addCookies(await page.context().cookies());
    const plain = await noJs.newPage();
    await plain.goto("/checkout");
    await plain.getByRole("radio", { name: /^Nairobi CBD/ }).check();
    await plain.getByRole("button", { name: "Update total" }).click();
    await plain.getByLabel("County").selectOption("Turkana");
    await plain.getByLabel("Town or estate").fill("Lodwar");
    await plain.getByLabel("Landmark or directions").fill("Opposite the county offices");
    await plain.getByLabel("Full name").fill("Ekai Lokwang");
    await plain.getByLabel("Phone number").fill("0711 000 402");
    await plain.getByRole("button", { name: "Pay with M-Pesa" }).click();
    await expect(plain.locator("#field-county-error")).toHaveText(
      /^We do not deliver to Turkana yet\. Pick up your order at the shop instead: Duka shop, Kimathi Street/,
    );
    await expect(plain.getByLabel("Town or estate")).toHaveValue("Lodwar");
    await expect(plain.getByRole("radio", { name: /^Pick up at the shop/ })).toBeVisible();
    await noJs.close();
  } finally {
    await withDb((db) =>
      db.deliveryZone.update({ where: { name: "Rest of Kenya by courier" }, data: { active: true } }),
    );
  }
});

test("product page: 'Add to cart' without scrolling on a 360 x 740 phone, 'View cart' beside the confirmation", async ({
  page,
}) => {
  // Every product of the demo catalogue, the longest names included.
  const products = await withDb((db) =>
    db.product.findMany({
      where: { active: true, variants: { some: { archived: false, stock: { gt: 0 } } } },
      select: { slug: true },
    }),
  );
  for (const { slug } of products) {
    await page.goto(`/products/${slug}`);
    const button = page.getByRole("button", { name: "Add to cart" });
    const box = (await button.boundingBox())!;
    expect(box.y + box.height, `${slug}: the button's bottom`).toBeLessThanOrEqual(740);
  }

  await page.goto("/products/kenya-aa-coffee-500g");
  await page.getByRole("button", { name: "Add to cart" }).click();
  const confirmation = page
    .getByRole("status")
    .filter({ hasText: "Added Kenya AA Coffee Beans 500g to your cart." });
  await expect(confirmation).toBeInViewport();
  const viewCart = page.getByRole("link", { name: "View cart" });
  await expect(viewCart).toBeInViewport();
  await shot(page, "product-added");
  const [said, link] = [(await confirmation.boundingBox())!, (await viewCart.boundingBox())!];
  expect(Math.abs(said.y + said.height / 2 - (link.y + link.height / 2))).toBeLessThan(30); // on one line
  await viewCart.click();
  await expect(page).toHaveURL(/\/cart$/);

  // More than the stock: the reason sits right under the button, without scrolling.
  await page.goto("/products/mau-forest-honey-500g");
  await page.getByLabel("Quantity").fill("5");
  const button = page.getByRole("button", { name: "Add to cart" });
  await button.click();
  const overStock = page.getByRole("status").filter({ hasText: "Only 3 of Mau Forest Honey 500g in stock" });
  await expect(overStock).toBeInViewport();
  const [under, over] = [(await button.boundingBox())!, (await overStock.boundingBox())!];
  expect(over.y - (under.y + under.height)).toBeLessThan(24);
  await shot(page, "product-over-stock");
});

test("every shop page a shopper passes through has thumb-sized tap targets and no zooming text box at 360 px", async ({
  page,
}) => {
  await new Shop(page).addToCart("kiondo-bag", 1);
  // A name that fits on one line (every demo name wraps at 360 px): its cart link is still a thumb-sized target.
  await withDb((db) => db.product.update({ where: { slug: "bao-board" }, data: { name: "Bao" } }));
  await new Shop(page).addToCart("bao-board", 1);
  for (const path of [
    "/",
    "/search?q=tea",
    // A query typed without spaces (or pasted) is one long word: it wraps, the page does not scroll sideways.
    "/search?q=KikoyBeachTowelStripedCottonExtraLargeBlue",
    "/products/kiondo-bag",
    "/products/ankara-wrap-dress/red-m",
    "/cart",
    "/checkout",
    "/track",
  ]) {
    // "load", not "networkidle": the product page keeps the network busy for ~30 s after it has loaded.
    await page.goto(path, { waitUntil: "load" });
    expect.soft(await layoutProblems(page), path).toEqual([]);
    expect.soft(await smallTapTargets(page), path).toEqual([]);
    expect.soft(await zoomingTextBoxes(page), path).toEqual([]);
  }
  // The header's cart link is on every page: a thumb-sized target too.
  expect((await new Shop(page).cartLink().boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await page.screenshot({ path: "test-results/shopper-track-360.png", fullPage: true });
});
