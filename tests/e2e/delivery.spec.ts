import { type Page, expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { answerOnPhone, emulator } from "./support/emulator";
import { Shop } from "./support/shop";

test.beforeAll(resetShop);
test.beforeEach(async () => {
  await emulator.reset();
  await withDb((db) => db.rateLimitCounter.deleteMany());
});

const LANDMARK = "Sarit Centre, gate B, 3rd floor";

async function fillAddress(page: Page) {
  await page.getByLabel("County").selectOption("Nairobi");
  await page.getByLabel("Town or estate").fill("Westlands");
  await page.getByLabel("Landmark or directions").fill(LANDMARK);
}

/** The page scrolls sideways when its content is wider than the screen. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
}

test("choose a zone, see the total change, pay the total with delivery, seller sees where to send it", async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 2);
  await page.goto("/checkout");
  await expect(page.getByTestId("checkout-total")).toHaveText("KES 760");
  await shop.chooseDelivery("Nairobi CBD");
  await expect(page.getByTestId("checkout-delivery-fee")).toHaveText("KES 200");
  await expect(page.getByTestId("checkout-total")).toHaveText("KES 960");
  await shop.chooseDelivery("Pick up at the shop");
  await expect(page.getByTestId("checkout-total")).toHaveText("KES 760");
  await expect(page.getByLabel("Landmark or directions")).toHaveCount(0);
  await shop.chooseDelivery("Nairobi CBD");
  await expect(page.getByTestId("prompt-amount")).toHaveText("KES 960");

  // Delivery needs an address: each missing part is named next to its field.
  await page.getByLabel("Full name").fill("Wanjiku Kamau");
  await page.getByLabel("Phone number").fill("0711 000 301");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page.getByText("Choose the county to deliver to.", { exact: true })).toBeVisible();
  await expect(page.locator("#field-town-error")).toHaveText("Enter the town or estate.");
  await expect(page.locator("#field-landmark-error")).toContainText(/Describe how the rider finds you/);
  await page.screenshot({ path: "test-results/delivery-checkout-360.png", fullPage: true });
  await expectNoSidewaysScroll(page);

  await fillAddress(page);
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\//);
  expect((await emulator.ledger("254711000301")).entries.map((e) => e.amount)).toEqual([960]);
  await answerOnPhone(await context.newPage(), "254711000301", "Pay");
  await page.bringToFront();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByTestId("receipt-delivery")).toContainText(`Nairobi CBD (KES 200) to ${LANDMARK}`);
  // The row is labelled Delivery: its value does not say it again.
  await expect(page.getByTestId("receipt-delivery")).not.toContainText("Delivery");
  await expect(page.getByTestId("order-delivery-fee")).toHaveText("KES 200");
  const reference = (await page.getByRole("heading", { name: /^Order DK-/ }).textContent())!.replace(
    "Order ",
    "",
  );

  // The seller, on a phone.
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto(`/dashboard/orders/${reference}`);
  await expect(page.getByTestId("order-delivery")).toContainText(LANDMARK);
  await expect(page.getByTestId("order-delivery")).toContainText("Westlands");
  await expect(page.getByTestId("call-customer")).toHaveAttribute("href", "tel:+254711000301");
  await page.screenshot({ path: "test-results/delivery-seller-order-360.png", fullPage: true });
  await expectNoSidewaysScroll(page);
  // A rider's number cut short is refused next to its box, and what was typed stays to be put right.
  const rider = page.getByLabel("Rider's phone (optional)");
  await rider.fill("0712 34");
  await page.getByRole("button", { name: "Mark dispatched" }).click();
  await expect(page.locator("#riderPhone-error")).toContainText("Enter the rider's Kenyan mobile number");
  await expect(rider).toHaveValue("0712 34");
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await page.screenshot({ path: "test-results/delivery-rider-refused-360.png", fullPage: true });
  await expectNoSidewaysScroll(page);
  await rider.fill("0722 000 111");
  await page.getByRole("button", { name: "Mark dispatched" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Marked dispatched: the customer gets an SMS." }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Mark delivered" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked delivered." })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("timeline")).toContainText("Dispatched");
  await expect(page.getByTestId("timeline")).toContainText("Marked delivered");

  // The orders list filters by zone, and the CSV carries the address.
  const cbd = await withDb((db) => db.deliveryZone.findUniqueOrThrow({ where: { name: "Nairobi CBD" } }));
  await page.goto(`/dashboard/orders?zone=${cbd.id}`);
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row-delivery")).toContainText("Delivery: Nairobi CBD · Westlands");
  await page.screenshot({ path: "test-results/delivery-seller-orders-360.png", fullPage: true });
  await expectNoSidewaysScroll(page);
  const csv = await (await page.request.get(`/api/dashboard/orders/export?zone=${cbd.id}`)).text();
  const row = csv.split("\r\n").find((l) => l.startsWith(reference));
  expect(row).toContain(`,Delivery,Nairobi CBD,200,760,Nairobi,Westlands,"${LANDMARK}"`);
});

test("a fee changed since the page loaded is refused before any prompt, and the page shows the new fee", async ({
  page,
}) => {
  const shop = new Shop(page);
  await shop.addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await shop.chooseDelivery("Nairobi suburbs");
  await fillAddress(page);
  await page.getByLabel("Full name").fill("Otieno Odhiambo");
  await page.getByLabel("Phone number").fill("0711000302");
  await withDb((db) => db.deliveryZone.update({ where: { name: "Nairobi suburbs" }, data: { feeKes: 420 } }));
  try {
    await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Delivery options changed, please review." }),
    ).toBeVisible();
    await expect(page.getByRole("radio", { name: /^Nairobi suburbs/ })).toBeVisible();
    await expect(page.getByTestId("delivery-options")).toContainText("KES 420");
    expect((await emulator.ledger("254711000302")).entries).toHaveLength(0);
    expect(await withDb((db) => db.order.count({ where: { customerName: "Otieno Odhiambo" } }))).toBe(0);
  } finally {
    await withDb((db) =>
      db.deliveryZone.update({ where: { name: "Nairobi suburbs" }, data: { feeKes: 350 } }),
    );
  }
});

test("without JavaScript, 'Update total' shows the zone's fee, total and address fields", async ({
  browser,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 780 },
  });
  const page = await context.newPage();
  const cookieShop = new Shop(await context.newPage());
  // Adding to the cart needs JS-free forms too; use a JS page in another context to fill the cart cookie.
  const jsContext = await browser.newContext();
  const jsPage = await jsContext.newPage();
  await new Shop(jsPage).addToCart("kericho-gold-tea-250g", 1);
  await context.addCookies(await jsContext.cookies());
  await jsContext.close();
  void cookieShop;

  await page.goto("/checkout");
  await expect(page.getByTestId("checkout-total")).toHaveText("KES 380");
  await page.getByRole("radio", { name: /^Rest of Kenya by courier/ }).check();
  await page.getByRole("button", { name: "Update total" }).click();
  await expect(page.getByTestId("checkout-total")).toHaveText("KES 980");
  await expect(page.getByLabel("County")).toBeVisible();
  await page.screenshot({ path: "test-results/delivery-checkout-nojs-360.png", fullPage: true });
  await expectNoSidewaysScroll(page);
  await context.close();
});

test("the owner's delivery settings explain bad input per field, at 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/settings/delivery");
  const add = page.getByRole("form", { name: "Add a zone" });
  await add.getByLabel("Zone name").fill("Kisumu town");
  await add.getByLabel("Fee (KES)").fill("60000");
  await add.getByLabel("Estimated time").fill("2 days");
  await add.getByRole("button", { name: "Add zone" }).click();
  await expect(add.getByText("The fee can be at most KES 50,000.", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/delivery-settings-360.png", fullPage: true });
  await expectNoSidewaysScroll(page);
  await add.getByLabel("Fee (KES)").fill("450");
  await add.getByText(/Counties covered/).click();
  await add.getByLabel("Kisumu").check();
  await add.getByRole("button", { name: "Add zone" }).click();
  await expect(page.getByRole("form", { name: "Kisumu town" })).toBeVisible();
  expect(await withDb((db) => db.deliveryZone.findUnique({ where: { name: "Kisumu town" } }))).toMatchObject({
    feeKes: 450,
    counties: ["Kisumu"],
  });
});
