import { type Page, expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { E2E } from "./support/e2e-env";
import { answerOnPhone, emulator } from "./support/emulator";
import { layoutProblems } from "./support/layout";
import { Shop } from "./support/shop";

type InboxMessage = { to: string; text: string };
const inbox = async (to: string): Promise<InboxMessage[]> =>
  (await fetch(`${E2E.emulatorUrl}/__control/inbox?to=${encodeURIComponent(to)}`)).json();

// The seller's phone and the shopper's phone: every page here at 360 px.
test.use({ viewport: { width: 360, height: 780 } });
test.beforeAll(resetShop);
test.beforeEach(async () => {
  await emulator.reset();
  await withDb((db) => db.rateLimitCounter.deleteMany());
});

async function snap(page: Page, name: string) {
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `test-results/${name}-360.png`, fullPage: true });
}

test("pay on delivery: the shopper orders without paying; at the door the seller's prompt turns the order Paid", async ({
  page,
  browser,
}) => {
  // Two browsers and a phone, a journey of some twenty steps: on a shared machine it runs past a minute.
  test.setTimeout(180_000);
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 2);
  await page.goto("/checkout");
  await shop.chooseDelivery("Nairobi CBD");
  await page.getByLabel("County").selectOption("Nairobi");
  await page.getByLabel(/Town or estate/).fill("Kilimani");
  await page.getByLabel(/Landmark/).fill("Yaya Centre, block C");
  await page.getByRole("radio", { name: /Pay on delivery/ }).check();
  await page.getByLabel("Full name").fill("Akinyi Otieno");
  await page.getByLabel("Phone number").fill("0711000501");
  await snap(page, "checkout-pay-on-delivery");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("heading", { name: "Order placed" })).toBeVisible();
  expect((await emulator.ledger("254711000501")).entries).toHaveLength(0);
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/DK-\w+/)![0];
  await expect.poll(async () => (await inbox("+254711000501")).length).toBeGreaterThan(0);

  // The rider, signed in on a phone, at the door.
  const seller = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const rider = await seller.newPage();
  await new Dashboard(rider).signInOk(OWNER.email, OWNER.password);
  await expect(rider.getByTestId("to-collect")).toContainText("KES");
  await rider.goto(`/dashboard/orders/${reference}`);
  await expect(rider.getByTestId("door-status")).toHaveText("Not paid yet");
  await rider.getByRole("button", { name: "Send M-Pesa prompt" }).click();
  await expect(rider.getByTestId("door-status")).toContainText("waiting for the PIN");
  await snap(rider, "door-prompt-waiting");
  // The customer cancels the first prompt: the rider reads it about the customer, the shopper about "you".
  const phone = await seller.newPage();
  await answerOnPhone(phone, "254711000501", "Cancel");
  await rider.bringToFront();
  await expect(rider.getByTestId("door-status")).toHaveText(
    "The customer cancelled the M-Pesa prompt. Send it again when they're ready.",
  );
  await snap(rider, "door-prompt-cancelled");
  await expect(page.getByTestId("failure-reason")).toHaveText(
    "You cancelled the M-Pesa prompt. Try again when you're ready.",
  );
  await rider.getByRole("button", { name: "Send M-Pesa prompt" }).click();
  await expect(rider.getByTestId("door-status")).toContainText("waiting for the PIN");
  await answerOnPhone(phone, "254711000501", "Pay");
  await rider.bringToFront();
  await expect(rider.getByTestId("door-status")).toContainText(/^Paid · M-Pesa \w{10}/);
  await snap(rider, "door-prompt-paid");
  await seller.close();
});

test("a payment link made on the seller's phone is opened and paid in another browser", async ({
  page,
  browser,
}) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/links");
  const tea = await page
    .getByLabel("Item 1", { exact: true })
    .locator("option", { hasText: "Kericho Gold Tea" })
    .getAttribute("value");
  await page.getByLabel("Item 1", { exact: true }).selectOption(tea!);
  await page.getByRole("button", { name: "Add another item" }).click();
  // The second line, a custom one.
  await page.getByLabel("Name of item 2").fill("Gift wrapping");
  await page.getByLabel("Price (KES) of item 2").fill("150");
  await page.getByLabel("Customer's name").fill("Wanjiru Kamau");
  await page.getByLabel("Customer's phone").fill("0711000601");
  await page.getByLabel("Delivery", { exact: true }).selectOption("pickup");
  await snap(page, "payment-link-form");
  await page.getByRole("button", { name: "Make payment link" }).click();
  const url = await page.getByTestId("link-url").inputValue();
  await expect(page.getByRole("link", { name: "Share on WhatsApp" })).toHaveAttribute(
    "href",
    /^https:\/\/wa\.me\/254711000601\?text=Hi%20Wanjiru/,
  );
  await snap(page, "payment-link-made");
  await expect.poll(async () => (await inbox("+254711000601")).map((m) => m.text).join()).toContain(url);

  const customer = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const shopper = await customer.newPage();
  await shopper.goto(url);
  await expect(shopper.getByText("Gift wrapping")).toBeVisible();
  await snap(shopper, "payment-link-open");
  await shopper.getByRole("button", { name: /^Pay KES [\d,]+ with M-Pesa$/ }).click();
  await expect(shopper).toHaveURL(/\/orders\//);
  const phone = await customer.newPage();
  await answerOnPhone(phone, "254711000601", "Pay");
  await shopper.bringToFront();
  await expect(shopper.getByRole("heading", { name: "Payment received" })).toBeVisible();
  // Paid once: the link now opens the paid order.
  await shopper.goto(url);
  await expect(shopper.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await customer.close();
});

test("track my order with the code from the SMS inbox", async ({ page }) => {
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 1);
  await page.goto("/checkout");
  await shop.chooseDelivery("Nairobi CBD");
  await page.getByLabel("County").selectOption("Nairobi");
  await page.getByLabel(/Town or estate/).fill("Westlands");
  await page.getByLabel(/Landmark/).fill("Sarit Centre, gate B");
  await page.getByRole("radio", { name: /Pay on delivery/ }).check();
  await page.getByLabel("Full name").fill("Otieno Okoth");
  await page.getByLabel("Phone number").fill("0711000701");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("heading", { name: "Order placed" })).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/DK-\w+/)![0];

  const fresh = await page
    .context()
    .browser()!
    .newContext({ viewport: { width: 360, height: 780 } });
  const tracker = await fresh.newPage();
  await tracker.goto("/track");
  await tracker.getByLabel("Order reference").fill(reference.replace("-", "").toLowerCase());
  await tracker.getByLabel("Phone number").fill("0711 000 701");
  await tracker.getByRole("button", { name: "Send me a code" }).click();
  await expect(tracker.getByText(/we sent a 6-digit code/)).toBeVisible();
  let code = "";
  await expect
    .poll(async () => {
      const sms = (await inbox("+254711000701")).find((m) => /code to track/.test(m.text));
      code = sms ? /\b(\d{6})\b/.exec(sms.text)![1]! : "";
      return code;
    })
    .not.toBe("");
  await tracker.getByLabel("6-digit code").fill(code);
  await snap(tracker, "track-code");
  await tracker.getByRole("button", { name: "See my order" }).click();
  await expect(tracker.getByRole("heading", { name: `Order ${reference}` })).toBeVisible();
  await expect(tracker.getByRole("heading", { name: "Order placed" })).toBeVisible();
  await snap(tracker, "track-order");
  await fresh.close();
});
