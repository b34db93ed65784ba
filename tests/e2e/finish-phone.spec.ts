import { type Page, expect, test } from "@playwright/test";
import { OWNER, insertOrder, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { E2E } from "./support/e2e-env";
import { layoutProblems } from "./support/layout";
import { Shop } from "./support/shop";

// The rough edges a new seller and shopper hit, each checked as they see it on a 360 x 740 phone.
test.use({ viewport: { width: 360, height: 740 } });
test.beforeAll(resetShop);
test.beforeEach(() => withDb((db) => db.rateLimitCounter.deleteMany()));

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `test-results/finish-${name}.png`, fullPage: true });
}

async function inbox(to: string): Promise<{ subject?: string; text: string }[]> {
  const res = await fetch(`${E2E.emulatorUrl}/__control/inbox?to=${encodeURIComponent(to)}`);
  const body = (await res.json()) as { messages?: unknown } | unknown[];
  return (Array.isArray(body) ? body : ((body as { messages: unknown[] }).messages ?? [])) as {
    subject?: string;
    text: string;
  }[];
}

test("the seller's menu is one row of tabs at the bottom, the rest behind More; chart days read '5 Dec'", async ({
  page,
}) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  const bar = page.getByTestId("tab-bar");
  const tabs = bar.locator(":scope > ul > li");
  await expect(tabs).toHaveCount(5);
  const boxes = await tabs.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()));
  expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1); // one row
  for (const b of boxes) expect(b.height).toBeGreaterThanOrEqual(44);
  await expect(bar.getByRole("link", { name: "Orders" })).toBeInViewport();
  await expect(page.getByTestId("chart-first-day")).toHaveText(
    /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/,
  );
  await shot(page, "overview");

  await bar.getByText("More", { exact: true }).click();
  await expect(bar.getByRole("link", { name: "Setup" })).toBeVisible();
  await page.screenshot({ path: "test-results/finish-more-open.png" });
  await bar.getByRole("link", { name: "Staff" }).click();
  await expect(page).toHaveURL(/\/dashboard\/staff$/);
});

test("an order card is one tap target with the phone as 0712 345 678; KES 1 tests stay out of the list", async ({
  page,
}) => {
  await insertOrder({ reference: "DK-TAP001", phone: "254712345678", customerName: "Akinyi Tap" });
  const test1 = await insertOrder({ reference: "DK-TEST01", totalKes: 1, customerName: "Shop owner" });
  await withDb((db) => db.order.update({ where: { id: test1.id }, data: { isTest: true } }));
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/orders");
  const card = page.getByTestId("order-row").filter({ hasText: "DK-TAP001" });
  await expect(card).toContainText("0712 345 678");
  await expect(page.getByTestId("order-row").filter({ hasText: "DK-TEST01" })).toHaveCount(0);
  await shot(page, "orders");
  const box = (await card.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  // A tap on the card's lower right corner, far from the reference, opens the order.
  await page.mouse.click(box.x + box.width - 10, box.y + box.height - 8);
  await expect(page).toHaveURL(/\/dashboard\/orders\/DK-TAP001$/);

  await page.goto("/dashboard/orders?status=all");
  await expect(page.getByTestId("order-row").filter({ hasText: "DK-TEST01" })).toContainText("Test");
});

test("forgot password: a link by email sets a new password once and signs out the old session", async ({
  page,
  browser,
}) => {
  const oldSession = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const oldPage = await oldSession.newPage();
  await new Dashboard(oldPage).signInOk(OWNER.email, OWNER.password);

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // The login form has an Email field too: wait for the new page before typing.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "link to reset" })).toBeVisible();
  await shot(page, "forgot");

  await expect.poll(async () => (await inbox(OWNER.email)).length).toBeGreaterThan(0);
  const mail = (await inbox(OWNER.email)).at(-1)!;
  const link = mail.text.match(/https?:\/\/\S+\/login\/reset\/[\w-]+/)![0];
  await page.goto(new URL(link).pathname);
  await page.getByLabel("New password", { exact: true }).fill("a-new-owner-password");
  await page.getByLabel("New password again").fill("a-new-owner-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await shot(page, "reset-done");

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();

  await oldPage.goto("/dashboard");
  await expect(oldPage).toHaveURL(/\/login/);
  await oldSession.close();

  await new Dashboard(page).signInOk(OWNER.email, "a-new-owner-password");
  await withDb(async (db) => {
    const { default: bcrypt } = await import("bcryptjs");
    await db.user.update({
      where: { email: OWNER.email },
      data: { passwordHash: await bcrypt.hash(OWNER.password, 10), sessionsValidFrom: null },
    });
  });
});

test("shopper: '1 item', search keeps the query, a hint for an Airtel number, free delivery says why, a favicon", async ({
  page,
  request,
}) => {
  const shop = new Shop(page);
  await shop.addToCart("water-filter-20l", 1);
  await page.goto("/cart");
  await expect(page.getByText("Subtotal (1 item)")).toBeVisible();

  await page.getByLabel("Search products").fill("kikoy");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=kikoy/);
  await expect(page.getByLabel("Search products")).toHaveValue("kikoy");

  await shop.addToCart("water-filter-20l", 1); // KES 8,400 of goods: over the KES 5,000 threshold
  await page.goto("/checkout");
  await shop.chooseDelivery("Nairobi CBD");
  await expect(page.getByTestId("free-delivery-why").first()).toHaveText(
    "Free: your order is KES 5,000 or more",
  );
  // The usual fee is struck through, and only the fee: not the space before it.
  const struck = await page
    .locator("label")
    .filter({ has: page.getByRole("radio", { name: /^Nairobi CBD/ }) })
    .evaluate((label) =>
      [...label.querySelectorAll("*")]
        .filter((el) => getComputedStyle(el).textDecorationLine.includes("line-through"))
        .map((el) => el.textContent),
    );
  expect(struck).toEqual(["KES 200"]);
  await page.getByLabel("Phone number").fill("0733 123 456");
  await expect(page.getByTestId("network-hint")).toContainText("Airtel");
  await shot(page, "checkout-hint");
  await page.getByLabel("Phone number").fill("0712 123 456");
  await expect(page.getByTestId("network-hint")).toHaveCount(0);

  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await request.get(icon!)).status()).toBe(200);
});
