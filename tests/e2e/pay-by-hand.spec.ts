import { expect, test } from "@playwright/test";
import { OWNER, insertOrder, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { emulator } from "./support/emulator";
import { E2E } from "./support/e2e-env";
import { layoutProblems } from "./support/layout";
import { Shop } from "./support/shop";
import { formatEat } from "@/lib/format";
import { CUT_OFF } from "@/lib/http/read-capped";

// When the prompt cannot reach the phone, the shopper pays from the M-Pesa menu (Pay Bill) instead.
test.beforeAll(async ({ browser }) => {
  await resetShop();
  // Against the emulator the C2B URLs register when the server starts; resetShop wiped that record, so the
  // owner registers them again with the button (as after any database reset), never a page render.
  const page = await browser.newPage();
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/payments");
  await page.getByRole("button", { name: "Register C2B URLs" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Registered" })).toBeVisible();
  await page.close();
});
test.beforeEach(async () => {
  await emulator.reset();
  await withDb((db) => db.rateLimitCounter.deleteMany());
});

test("prompt fails with 1037, the shopper pays by Pay Bill with a lower-case reference, the order turns paid", async ({
  page,
  context,
}) => {
  // The phone never shows the prompt: Daraja reports 1037 (unreachable).
  await emulator.post("rules", { phone: "254711000301", outcome: "timeout", delayMs: 500 });
  await new Shop(page).addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Achieng Otieno");
  await page.getByLabel("Phone number").fill("0711000301");
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);

  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible();
  const panel = page.getByTestId("pay-by-hand");
  // Opened without being asked, after a 1037.
  await expect(panel.getByTestId("business-number")).toBeVisible();
  await expect(panel.getByTestId("business-number")).toHaveText("174379");
  const account = (await panel.getByTestId("account-number").textContent())!;
  expect(account).toMatch(/^DK[2-9A-HJ-NP-Z]{6}$/);
  const amount = Number((await panel.getByTestId("pay-amount").textContent())!.replace(/\D/g, ""));
  await expect(panel.getByText(/We hold your items for \d+:\d\d/)).toBeVisible();

  await page.setViewportSize({ width: 360, height: 900 });
  await page.screenshot({ path: "test-results/pay-by-hand-360.png", fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const phone = await context.newPage();
  await phone.setViewportSize({ width: 360, height: 900 });
  await phone.goto(`${E2E.emulatorUrl}/phone?phone=254711000301`);
  await phone.getByText("Pay Bill", { exact: true }).click();
  await phone.getByLabel("Business no.").fill("174379");
  await phone.getByLabel("Account no.").fill(`${account.slice(0, 2)} ${account.slice(2)}`.toLowerCase());
  await phone.getByLabel("Amount").first().fill(String(amount));
  await phone.screenshot({ path: "test-results/phone-paybill-360.png", fullPage: true });
  await phone.locator("#paybill").getByRole("button", { name: "Send" }).click();
  await expect(phone.getByText(/^[A-Z0-9]{10} Confirmed\. Ksh/)).toBeVisible();
  const transId = (await phone.locator("#lipa-result").textContent())!.slice(0, 10);

  await page.bringToFront();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveText(transId);
  await expect(page.getByTestId("pay-by-hand")).toHaveCount(0);
});

test("the owner attaches an unmatched till payment to its order in one click", async ({ page, browser }) => {
  // An order waiting for payment; its shopper pays by Buy Goods, which carries no account number.
  const shopper = await browser.newContext();
  const shopperPage = await shopper.newPage();
  await emulator.post("rules", { phone: "254711000302", outcome: "timeout", delayMs: 500 });
  await new Shop(shopperPage).addToCart("kericho-gold-tea-250g", 1);
  await shopperPage.goto("/checkout");
  await shopperPage.getByLabel("Full name").fill("Kamau Njoroge");
  await shopperPage.getByLabel("Phone number").fill("0711000302");
  await new Shop(shopperPage).chooseDelivery("Pick up at the shop");
  await shopperPage.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(shopperPage.getByRole("heading", { name: "Payment not completed" })).toBeVisible();
  const reference = (await shopperPage.getByRole("heading", { name: /^Order DK-/ }).textContent())!.replace(
    "Order ",
    "",
  );
  const total = Number((await shopperPage.getByTestId("pay-amount").textContent())!.replace(/\D/g, ""));

  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/payments");
  await expect(page.getByTestId("c2b-registration")).toContainText("Registered");
  await emulator.setOptions({ tills: { "5555555": "174379" } });
  await emulator.post("buy-goods", { till: "5555555", amount: total, phone: "254711000302" });

  await page.reload();
  const card = page.getByTestId("unmatched-payment").filter({ hasText: "none (Buy Goods)" });
  await expect(card).toBeVisible();
  await page.setViewportSize({ width: 360, height: 900 });
  await page.screenshot({ path: "test-results/unmatched-360.png", fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await card.getByRole("button", { name: new RegExp(`Attach to ${reference}.*phone fits`) }).click();

  await expect(page.getByTestId("unmatched-payment")).toHaveCount(0);
  await expect(page.getByText(new RegExp(`attached to ${reference} by ${OWNER.email}`))).toBeVisible();
  await shopperPage.reload();
  await expect(shopperPage.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await shopper.close();
});

test("a Pay Bill confirmation cut off on its way: the shopper's M-Pesa code still pays the order", async ({
  page,
}) => {
  await emulator.post("rules", { phone: "254711000305", outcome: "timeout", delayMs: 500 });
  const shop = new Shop(page);
  await shop.addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Wairimu Kariuki");
  await page.getByLabel("Phone number").fill("0711000305");
  await shop.chooseDelivery("Pick up at the shop");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible();
  const panel = page.getByTestId("pay-by-hand");
  const account = (await panel.getByTestId("account-number").textContent())!;
  const amount = Number((await panel.getByTestId("pay-amount").textContent())!.replace(/\D/g, ""));

  // The money moves, but M-Pesa hangs up halfway through telling the shop: the shop never hears of it.
  await emulator.post("faults", { target: "confirmation", kind: "cut" });
  const paid = await emulator.post("paybill", { business: "174379", account, amount, phone: "254711000305" });
  expect(paid.confirmation.error).toBe("cut off (fault)");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible();

  const form = page.getByTestId("mpesa-code-form");
  await form.getByLabel("Already paid? Enter your M-Pesa code").fill(String(paid.transId));
  await form.getByRole("button", { name: "Check my code" }).click();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("receipt")).toHaveText(String(paid.transId));
});

test("the owner is shown when a confirmation arrived without its details", async ({ page }) => {
  // What the confirmation route records when Safaricom hung up before the shop could read the body
  // (lib/http/read-capped.ts; tests/integration/payments-c2b.test.ts drives it over HTTP).
  const receivedAt = new Date(Date.now() - 3 * 60_000);
  await withDb((db) =>
    db.c2bEvent.create({
      data: {
        kind: "CONFIRMATION",
        rawBody: "",
        headers: {},
        verdict: "REJECTED",
        reason: CUT_OFF,
        receivedAt,
      },
    }),
  );
  await page.setViewportSize({ width: 360, height: 900 });
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/payments");
  const notice = page.getByTestId("cut-off-confirmations");
  await expect(notice).toContainText("the connection was cut before the details arrived");
  await expect(notice.getByRole("listitem")).toHaveText([formatEat(receivedAt)]);
  await expect(notice).toContainText("Already paid? Enter your M-Pesa code");
  await expect(page.getByText("Every payment received is on an order.")).toHaveCount(0);
  await page.screenshot({ path: "test-results/cut-off-confirmation-360.png", fullPage: true });
  expect(await layoutProblems(page)).toEqual([]);
});

test("the order page hydrates without an error while it waits with Pay another way open, even on a slow phone", async ({
  page,
}) => {
  await new Shop(page).addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByLabel("Full name").fill("Slow Phone");
  await page.getByLabel("Phone number").fill("0711000309");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();

  // Loaded afresh (the server renders both countdowns) on a phone so slow that a second passes between two
  // reads of its clock: the first render in the browser must still draw what the server's HTML has.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /hydrat/i.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.addInitScript(() => {
    const read = Date.now.bind(Date);
    let reads = 0;
    Date.now = () => read() + 1000 * reads++;
  });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  const panel = page.getByTestId("pay-by-hand");
  await panel.getByText("Pay another way").click();
  await expect(panel.getByText(/We hold your items for \d+:\d\d/)).toBeVisible();
  // Hydration errors are reported once React has compared the whole page: give it a moment.
  await page.waitForTimeout(1000);
  expect(errors).toEqual([]);
});

test("the owner sees what M-Pesa reported that counted nothing, and why, on a phone", async ({ page }) => {
  // As the callback and confirmation routes leave them (tests/integration/callback-poison.test.ts drives
  // them): a prompt's success naming a receipt another order counted, and a confirmation the shop could
  // not record.
  await insertOrder({ reference: "DK-PAIDA2", receipt: "TPAIDA0002" });
  const target = await insertOrder({ reference: "DK-FORGD2", status: "PENDING" });
  const reason = "receipt TPAIDA0002 already counted on order DK-PAIDA2";
  const receivedAt = new Date(Date.now() - 2 * 60_000);
  await withDb(async (db) => {
    const attempt = await db.paymentAttempt.findFirstOrThrow({ where: { orderId: target.id } });
    await db.callbackEvent.create({
      data: { attemptId: attempt.id, rawBody: "{}", headers: {}, verdict: "REJECTED", reason, receivedAt },
    });
    await db.c2bEvent.create({
      data: {
        kind: "CONFIRMATION",
        rawBody: "{}",
        headers: {},
        verdict: "REJECTED",
        reason:
          'replayed: cannot be applied: value "3000000000" is out of range for type integer (SQLSTATE 22003)',
        receivedAt,
      },
    });
  });
  await page.setViewportSize({ width: 360, height: 900 });
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/payments");
  const refused = page.getByTestId("refused-notification");
  await expect(refused).toHaveCount(2);
  await expect(refused.first()).toContainText(reason);
  await expect(refused.nth(1)).toContainText("Pay Bill confirmation");
  await expect(refused.nth(1)).toContainText("cannot be applied: value");
  await page.screenshot({ path: "test-results/refused-notifications-360.png", fullPage: true });
  expect(await layoutProblems(page)).toEqual([]);

  await refused.first().getByRole("link", { name: "Prompt callback for DK-FORGD2" }).click();
  await expect(page).toHaveURL(/\/dashboard\/orders\/DK-FORGD2$/);
  await expect(page.getByTestId("timeline")).toContainText(`M-Pesa callback (rejected: ${reason})`);
});
