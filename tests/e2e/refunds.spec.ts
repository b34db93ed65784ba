import { expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { E2E } from "./support/e2e-env";
import { answerOnPhone, emulator } from "./support/emulator";
import { Shop } from "./support/shop";

// The seller's phone: the owner refunds a paid order at 360 px; the shopper's SMS reaches the local inbox.
test.use({ viewport: { width: 360, height: 780 } });
test.beforeAll(resetShop);
test.beforeEach(async () => {
  await emulator.reset();
  await fetch(`${E2E.emulatorUrl}/__control/inbox`, { method: "DELETE" });
  await withDb((db) => db.rateLimitCounter.deleteMany());
});

test("the owner refunds a paid order on a phone, and the shopper's SMS arrives", async ({
  page,
  context,
}) => {
  await new Shop(page).addToCart("kericho-gold-tea-250g", 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Akinyi Otieno");
  await page.getByLabel("Phone number").fill("0711000401");
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000401", "Pay");
  await page.bringToFront();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  const receipt = (await page.getByTestId("receipt").textContent())!.trim();
  const reference = await withDb(
    async (db) => (await db.order.findFirstOrThrow({ where: { mpesaReceipt: receipt } })).reference,
  );

  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto(`/dashboard/orders/${reference}`);
  await page.getByText("Refund", { exact: true }).click();
  await expect(page.getByLabel("Amount (KES)")).toHaveValue("380");
  await page.getByLabel("Reason").selectOption("The shopper asked");
  await page.getByRole("button", { name: "Review refund" }).click();
  await expect(page.getByTestId("refund-confirm")).toContainText(
    new RegExp(`KES 380 back to 2547\\*{6}401 by M-Pesa reversal of ${receipt}`),
  );
  await page.screenshot({ path: "test-results/refund-confirm-360.png", fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole("button", { name: "Send the refund" }).click();
  await expect(page.getByText(/Refund sent to M-Pesa/)).toBeVisible();
  await expect
    .poll(async () => withDb(async (db) => (await db.refund.findFirstOrThrow()).status), { timeout: 15_000 })
    .toBe("SUCCEEDED");
  await page.reload();
  await expect(page.getByTestId("refunds")).toContainText("Done");
  await expect(page.getByTestId("order-money")).toContainText("Refunded");
  await page.screenshot({ path: "test-results/refund-done-360.png", fullPage: true });

  await phone.bringToFront();
  await expect(phone.getByText(new RegExp(`refund of KES 380 for order ${reference}`, "i"))).toBeVisible({
    timeout: 15_000,
  });
  await expect(phone.getByText(new RegExp(`Transaction ${receipt} has been reversed`))).toBeVisible();
  await phone.screenshot({ path: "test-results/refund-phone-360.png", fullPage: true });
});
