import { type Page, type Request, expect, test } from "@playwright/test";
import { OWNER, catalogChangedBehindTheAppsBack, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { emulator } from "./support/emulator";
import { Shop } from "./support/shop";

// The order page follows its event stream and polls only when the stream is not delivering; each test
// blocks one of the two paths, so the other alone must bring "Payment received".
test.use({ viewport: { width: 360, height: 740 } });
test.beforeAll(resetShop);
test.beforeEach(async () => {
  await emulator.reset();
  await withDb((db) => db.rateLimitCounter.deleteMany());
});

const STATUS_POLL = /\/api\/orders\/[A-Za-z0-9_-]+$/;
const ORDER_STREAM = /\/api\/orders\/[A-Za-z0-9_-]+\/events$/;

async function checkOut(page: Page, slug: string, phone: string) {
  await new Shop(page).addToCart(slug, 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Live Shopper");
  await page.getByLabel("Phone number").fill(phone);
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
}

/** Aborts every request matching `pattern`, and counts them. */
async function block(page: Page, pattern: RegExp) {
  const blocked: Request[] = [];
  await page.route(pattern, (route) => {
    blocked.push(route.request());
    return route.abort();
  });
  return blocked;
}

function countRequests(page: Page, pattern: RegExp) {
  const seen: Request[] = [];
  page.on("request", (r) => {
    if (pattern.test(new URL(r.url()).pathname)) seen.push(r);
  });
  return seen;
}

test("the stream alone brings 'Payment received' (status polling blocked)", async ({ page }, testInfo) => {
  const polls = await block(page, STATUS_POLL);
  await checkOut(page, "kanga-pair", "0711000201");
  await expect(page.locator("[data-live=stream]")).toBeVisible();
  await emulator.post("pay", { target: "254711000201" });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveText(/^[A-Z0-9]{10}$/);
  // While the stream delivered, the page did not poll (SWR may revalidate once when it mounts).
  expect(polls.length).toBeLessThanOrEqual(1);
  await page.screenshot({ path: testInfo.outputPath("order-paid-360.png"), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("polling alone brings 'Payment received' when the stream is blocked", async ({ page }) => {
  const streams = await block(page, ORDER_STREAM);
  await checkOut(page, "mwiko-set", "0711000202");
  await expect(page.locator("[data-live=poll]")).toBeVisible();
  await emulator.post("pay", { target: "254711000202" });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  expect(streams.length).toBeGreaterThanOrEqual(1);
});

test("after a failure, the retry and its payment arrive on the same stream", async ({ page }, testInfo) => {
  await block(page, STATUS_POLL);
  const streams = countRequests(page, ORDER_STREAM);
  await checkOut(page, "batik-lion", "0711000203");
  await emulator.post("cancel", { target: "254711000203" });
  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("order-failed-360.png"), fullPage: true });
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  await emulator.post("pay", { target: "254711000203" });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  expect(streams).toHaveLength(1);
});

test("an order expiring on its open stream puts its last unit back on the cached pages", async ({
  page,
  browser,
}) => {
  const product = "/products/mau-forest-honey-500g";
  await withDb((db) =>
    db.productVariant.updateMany({
      where: { product: { slug: "mau-forest-honey-500g" } },
      data: { stock: 1 },
    }),
  );
  await catalogChangedBehindTheAppsBack();
  // The prompt is never answered: M-Pesa gives up on it (1037) after a second, the order keeps its stock.
  await emulator.setOptions({ promptTimeoutMs: 1_000 });
  // Only the stream may settle the order: the page's own status requests would settle it themselves.
  await block(page, STATUS_POLL);
  const streams = countRequests(page, ORDER_STREAM);
  await checkOut(page, "mau-forest-honey-500g", "0711000205");
  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible();
  await expect(page.locator("[data-live=stream]")).toBeVisible();

  // Another shopper finds the last unit held: the cached pages now say so.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(product);
  await expect(visitor.getByText("Reserved", { exact: true })).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Add to cart" })).toBeDisabled();
  await visitor.goto("/categories/pantry");
  const honey = visitor.getByRole("link", { name: /^Mau Forest Honey 500g/ });
  await expect(honey).toContainText("Sold out");
  await visitor.goto("/");
  await expect(honey).toContainText("Sold out");

  // Fifteen minutes pass in two seconds: the reservation is moved close, and the stream hears of it
  // (listening, by the announcement; polling, by the order's updatedAt).
  const publicId = new URL(page.url()).pathname.split("/").pop()!;
  await withDb(async (db) => {
    const { id } = await db.order.update({
      where: { publicId },
      data: { reservedUntil: new Date(Date.now() + 2_000) },
    });
    await db.$executeRaw`SELECT pg_notify('duka_order_changes', ${id})`;
  });
  await expect(page.getByRole("heading", { name: "This order expired" })).toBeVisible();
  expect(streams).toHaveLength(1);

  // Nobody visited the order page again, yet the unit is on sale on the cached pages.
  await visitor.goto(product);
  await expect(visitor.getByText("Only 1 left")).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Add to cart" })).toBeEnabled();
  await visitor.goto("/categories/pantry");
  await expect(honey).toContainText("Only 1 left");
  await visitor.goto("/");
  await expect(honey).toContainText("Only 1 left");
  await visitor.context().close();
});

test("the dashboard shows a new paid order without a reload (its polling blocked)", async ({
  page,
  browser,
}, testInfo) => {
  await block(page, /\/api\/dashboard\/summary$/);
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await expect(page.locator("[data-live=stream]")).toBeVisible();

  const shopper = await browser.newContext();
  const shop = await shopper.newPage();
  await checkOut(shop, "thermos-flask-2l", "0711000204");
  const reference = (await shop.getByRole("heading", { level: 1 }).innerText()).replace("Order ", "");
  await emulator.post("pay", { target: "254711000204" });
  await expect(page.getByTestId("latest-paid").getByRole("link", { name: reference })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("dashboard-live-360.png"), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await shopper.close();
});

test("the dashboard stream is for signed-in sellers only", async ({ request }) => {
  const res = await request.get("/api/dashboard/summary/events");
  expect(res.status()).toBe(401);
});
