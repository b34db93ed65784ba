import { type Page, expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { E2E } from "./support/e2e-env";
import { answerOnPhone, emulator } from "./support/emulator";
import { Shop } from "./support/shop";

type InboxMessage = { channel: "sms" | "email"; to: string; subject?: string; text: string };

async function inbox(to?: string): Promise<InboxMessage[]> {
  const res = await fetch(`${E2E.emulatorUrl}/__control/inbox${to ? `?to=${encodeURIComponent(to)}` : ""}`);
  return res.json();
}

// The narrowest phone the shop supports: every page here must work at 360 px.
test.use({ viewport: { width: 360, height: 780 } });
test.beforeAll(resetShop);
test.beforeEach(async () => {
  await emulator.reset();
  await fetch(`${E2E.emulatorUrl}/__control/inbox`, { method: "DELETE" });
  await withDb((db) => db.rateLimitCounter.deleteMany());
});

async function payForTea(page: Page, phone: string, email: string) {
  await new Shop(page).addToCart("kericho-gold-tea-250g", 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Akinyi Otieno");
  await page.getByLabel("Phone number").fill(phone);
  await page.getByLabel(/Email/).fill(email);
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);
}

test("pay in the browser: the phone shows the confirmation SMS, the dashboard the messages", async ({
  page,
  context,
}) => {
  await payForTea(page, "0711000301", "akinyi@example.test");
  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000301", "Pay");
  await page.bringToFront();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  const receipt = (await page.getByTestId("receipt").textContent())!;
  const orderUrl = page.url();

  await phone.bringToFront();
  await expect(
    phone.getByText(new RegExp(`payment received for order DK-\\w+, KES 380, M-Pesa ${receipt}`)),
  ).toBeVisible();
  await expect(phone.getByText(orderUrl.replace(/^https?:\/\/[^/]+/, ""), { exact: false })).toBeVisible();

  await expect.poll(async () => (await inbox("akinyi@example.test")).length).toBe(1);
  await expect.poll(async () => (await inbox(OWNER.email)).length).toBe(1);

  await page.goto(`${E2E.emulatorUrl}/inbox`);
  await expect(page.getByRole("heading", { name: /is paid/ })).toBeVisible();
  await page.screenshot({ path: "test-results/notifications-inbox-360.png", fullPage: true });

  const dashboard = new Dashboard(page);
  await dashboard.signInOk(OWNER.email, OWNER.password);
  const reference = /DK-\w+/.exec((await inbox("+254711000301"))[0]!.text)![0];
  await page.goto(`/dashboard/orders/${reference}`);
  const messages = page.getByTestId("message");
  await expect(messages).toHaveCount(3);
  await expect(messages.filter({ hasText: "SMS to +2547******301" })).toContainText(
    "Order confirmation to the customer",
  );
  await expect(messages.filter({ hasText: /Sent|Delivered/ })).toHaveCount(3);
  // The emulator's SMS stand-in reports the shopper's SMS delivered to the app's delivery report route.
  await expect(async () => {
    await page.reload();
    await expect(messages.filter({ hasText: "SMS to +2547******301" })).toContainText("Delivered");
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("messages")).not.toContainText("254711000301");

  await messages.filter({ hasText: "SMS to +2547******301" }).getByRole("button", { name: "Resend" }).click();
  await expect(page.getByText("Queued to send again.")).toBeVisible();
  await expect.poll(async () => (await inbox("+254711000301")).length).toBe(2);
  await page.screenshot({ path: "test-results/notifications-order-360.png", fullPage: true });
});

test("the owner sets alert recipients, with field errors for bad ones, and sends a test message", async ({
  page,
}) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await new Dashboard(page).openMore();
  await page.getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(page.getByTestId("channels")).toContainText("SMS (Africa's Talking): on");
  // The low-stock box takes what the server's rule takes; the summary's switch says when the first one comes
  // (lib/notifications/stock-summary.ts: once per EAT day, from 07:00 until 12:00).
  const lowStock = page.getByLabel("Low stock at");
  await expect(lowStock).toHaveAttribute("inputmode", "numeric");
  await expect(lowStock).toHaveAttribute("maxlength", "5");
  await expect(lowStock).toHaveAccessibleDescription(/^A whole number from 0 to 10,000\./);
  await expect(page.getByLabel(/Morning stock summary/)).toHaveAccessibleDescription(
    "Once a day between 07:00 and 12:00 EAT. The first comes this morning if you switch it on before 12:00 EAT, else tomorrow morning.",
  );

  await page.getByLabel("Alert phone numbers").fill("0722000401, 12345");
  await page.getByLabel("Alert emails").fill("alerts@shop.test, not-an-email");
  await page.getByLabel("Low stock at").fill("lots");
  await page.getByLabel(/Morning stock summary/).check();
  await page.getByRole("button", { name: "Save alert settings" }).click();
  // Each error is said once, next to its field; the summary at the top of the form links to the field.
  await expect(page.locator("#alert-alertPhones-error")).toContainText("Not a Kenyan mobile number: 12345");
  await expect(page.locator("#alert-alertEmails-error")).toContainText("Not an email address: not-an-email");
  await expect(
    page.getByTestId("error-summary").getByRole("link", { name: "Alert phone numbers", exact: true }),
  ).toBeVisible();
  await expect(page.getByText("Not a Kenyan mobile number")).toHaveCount(1);
  await expect(page.locator("#alert-lowStockThreshold-error")).toContainText(
    "Enter how many left counts as low",
  );
  // What was typed and ticked is kept.
  await expect(page.getByLabel("Low stock at")).toHaveValue("lots");
  await expect(page.getByLabel(/Morning stock summary/)).toBeChecked();
  expect(await withDb((db) => db.notificationSettings.count())).toBe(0);

  await page.getByLabel("Alert phone numbers").fill("0722000401");
  await page.getByLabel("Alert emails").fill("alerts@shop.test");
  await page.getByLabel("Low stock at").fill("5");
  await page.getByRole("button", { name: "Save alert settings" }).click();
  await expect(page.getByText("Alert settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("alerts-go-to")).toContainText("+2547******401, a***@shop.test");
  await expect(page.getByLabel("Low stock at")).toHaveValue("5");
  await expect(page.getByLabel(/Morning stock summary/)).toBeChecked();

  await page.getByRole("button", { name: "Send a test message" }).click();
  await expect(page.getByText("Test message sent to 2 recipients.")).toBeVisible();
  await expect
    .poll(async () => (await inbox("+254722000401")).map((m) => m.text))
    .toEqual([expect.stringContaining("test message")]);
  await expect.poll(async () => (await inbox("alerts@shop.test")).length).toBe(1);
  // The list beside the button follows them out without a reload: none stays "Queued".
  const states = page.getByTestId("message-state");
  await expect(states).toHaveCount(2);
  for (const state of await states.all()) await expect(state).toHaveText(/^(Sent|Delivered) /);
  await page.screenshot({ path: "test-results/notifications-settings-360.png", fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
});
