import { expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { E2E } from "./support/e2e-env";
import { answerOnPhone, emulator } from "./support/emulator";
import { layoutProblems } from "./support/layout";
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
  // A shopper, then the seller, on one machine shared with the build and database: more than 60 s when busy.
  test.slow();
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
  // In the shop's money format, as the error for too much says it.
  await expect(page.getByTestId("refund-form").getByText("At most KES 380", { exact: true })).toBeVisible();
  await page.getByTestId("refund-form").getByLabel("Reason").selectOption("The shopper asked");
  await page.getByRole("button", { name: "Review refund" }).click();
  await expect(page.getByTestId("refund-confirm")).toContainText(
    new RegExp(`KES 380 back to 2547\\*{6}401 by M-Pesa reversal of ${receipt}`),
  );
  // The confirm step says the reason chosen, not the list's first one, and that is what is sent.
  await expect(page.getByTestId("refund-confirm-reason")).toHaveText(
    "Reason: The shopper asked. The stock stays as it is.",
  );
  await page.screenshot({ path: "test-results/refund-confirm-360.png", fullPage: true });
  expect(await layoutProblems(page)).toEqual([]);
  // M-Pesa's result comes a few seconds after "sent": the card follows it without a reload.
  await emulator.post("faults", { target: "result", kind: "delay", delayMs: 3_000 });
  await page.getByRole("button", { name: "Send the refund" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refund sent to M-Pesa." })).toBeVisible();
  await expect(page.getByTestId("refunds")).toContainText("Sent, waiting for M-Pesa");
  await expect
    .poll(async () => withDb(async (db) => (await db.refund.findFirstOrThrow()).status), { timeout: 15_000 })
    .toBe("SUCCEEDED");
  await expect(page.getByTestId("refunds")).toContainText("Done", { timeout: 10_000 });
  await expect(page.getByRole("status").filter({ hasText: "Refund sent to M-Pesa." })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("refunds")).toContainText("Done");
  await expect(page.getByTestId("refunds")).toContainText("The shopper asked");
  await expect(page.getByTestId("refunds")).not.toContainText("Out of stock");
  await expect(page.getByTestId("order-money")).toContainText("Refunded");
  // All of it went back: the shopper owes nothing (not "KES 380 still to pay").
  await expect(page.getByTestId("order-money")).toContainText(/Balance\s*Settled/);
  await expect(page.getByTestId("refunds")).toContainText(/Asked by owner@duka\.test, .* EAT/);
  await page.screenshot({ path: "test-results/refund-done-360.png", fullPage: true });

  await phone.bringToFront();
  await expect(phone.getByText(new RegExp(`refund of KES 380 for order ${reference}`, "i"))).toBeVisible({
    timeout: 15_000,
  });
  await expect(phone.getByText(new RegExp(`Transaction ${receipt} has been reversed`))).toBeVisible();
  await phone.screenshot({ path: "test-results/refund-phone-360.png", fullPage: true });
});

test("a refund M-Pesa refuses at once says so, keeps what was typed, and a second try sends it", async ({
  page,
  context,
}) => {
  test.slow();
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 1);
  await page.goto("/checkout");
  await shop.chooseDelivery("Rest of Kenya by courier");
  await page.getByLabel("County").selectOption("Nakuru");
  await page.getByLabel("Town or estate").fill("Naivasha");
  await page.getByLabel("Landmark or directions").fill("Opposite the Total petrol station");
  await page.getByLabel("Full name").fill("Chebet Kiprono");
  await page.getByLabel("Phone number").fill("0711000404");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await answerOnPhone(await context.newPage(), "254711000404", "Pay");
  await page.bringToFront();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  const receipt = (await page.getByTestId("receipt").textContent())!.trim();
  const reference = await withDb(
    async (db) => (await db.order.findFirstOrThrow({ where: { mpesaReceipt: receipt } })).reference,
  );

  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto(`/dashboard/orders/${reference}`);
  // The fee beside "Delivery: Rest of Kenya by courier" stays on one line at 360 px, not "KES" over "600".
  const fee = page.getByRole("region", { name: "Items" }).getByText("KES 600", { exact: true });
  expect(await fee.evaluate((el) => el.getClientRects().length)).toBe(1);

  await emulator.post("faults", { target: "initiator", kind: "error" });
  await page.getByText("Refund", { exact: true }).click();
  const form = page.getByTestId("refund-form");
  await form.getByLabel("Amount (KES)").fill("300");
  await form.getByLabel("Reason").selectOption("Returned items");
  await page.getByRole("button", { name: "Review refund" }).click();
  await page.getByRole("button", { name: "Send the refund" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refund not sent: M-Pesa refused" })).toContainText(
    "No money left the shop.",
  );
  await expect(page.getByRole("status").filter({ hasText: "Refund sent to M-Pesa." })).toHaveCount(0);
  await page.screenshot({ path: "test-results/refund-refused-360.png", fullPage: true });
  expect(await layoutProblems(page)).toEqual([]);

  await page.getByRole("button", { name: "Try again" }).click();
  await expect(form.getByLabel("Amount (KES)")).toHaveValue("300");
  await expect(form.getByLabel("Reason")).toHaveValue("Returned items");
  await page.getByRole("button", { name: "Review refund" }).click();
  await expect(page.getByTestId("refund-confirm")).toContainText("KES 300 back to 2547******404");
  await page.getByRole("button", { name: "Send the refund" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refund sent to M-Pesa." })).toBeVisible();
  const order = await withDb((db) => db.order.findUniqueOrThrow({ where: { reference } }));
  await expect
    .poll(
      async () =>
        withDb(async (db) =>
          (await db.refund.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } })).map(
            (r) => r.status,
          ),
        ),
      { timeout: 15_000 },
    )
    .toEqual(["FAILED", "SUCCEEDED"]);
  await page.reload();
  // Part of a paid order given back: settled, not "KES 300 still to pay".
  await expect(page.getByTestId("order-money")).toContainText(/Refunded\s*KES 300/);
  await expect(page.getByTestId("order-money")).toContainText(/Balance\s*Settled/);
});

test("the owner cancels a paid order and refunds it in the same step; the shopper's page says so", async ({
  page,
  context,
}) => {
  test.slow();
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Baraka Mwangi");
  await page.getByLabel("Phone number").fill("0711000402");
  await shop.chooseDelivery("Pick up at the shop");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000402", "Pay");
  await page.bringToFront();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  const orderUrl = page.url();
  const receipt = (await page.getByTestId("receipt").textContent())!.trim();
  const order = await withDb((db) => db.order.findFirstOrThrow({ where: { mpesaReceipt: receipt } }));

  const seller = await context.newPage();
  await new Dashboard(seller).signInOk(OWNER.email, OWNER.password);
  await seller.goto(`/dashboard/orders/${order.reference}`);
  await seller.getByText("Cancel this paid order and refund it").click();
  const form = seller.getByTestId("cancel-paid-form");
  await form.getByLabel("Reason").selectOption("The shopper asked");
  await expect(form.getByTestId("cancel-paid-refund")).toContainText(
    new RegExp(`Cancelling sends KES 380 back to 2547\\*{6}402 by M-Pesa reversal of ${receipt}`),
  );
  await seller.screenshot({ path: "test-results/cancel-paid-360.png", fullPage: true });
  expect(await layoutProblems(seller)).toEqual([]);
  await form.getByRole("button", { name: "Cancel order and refund KES 380" }).click();
  await expect(
    seller.getByText("Order cancelled. Its items are back in stock. Refund of KES 380 sent to M-Pesa."),
  ).toBeVisible();
  await expect
    .poll(
      async () =>
        withDb(async (db) => (await db.refund.findFirstOrThrow({ where: { orderId: order.id } })).status),
      {
        timeout: 15_000,
      },
    )
    .toBe("SUCCEEDED");

  await page.goto(orderUrl);
  await expect(page.getByRole("heading", { name: "This order was cancelled" })).toBeVisible();
  await expect(page.getByText("The shop cancelled it after you paid.")).toBeVisible();
  await expect(page.getByTestId("shopper-refunds")).toContainText("KES 380 sent back to your M-Pesa");
  await page.screenshot({ path: "test-results/cancelled-refunded-shopper-360.png", fullPage: true });
  expect(await layoutProblems(page)).toEqual([]);
});

test("a shopper whose Pay Bill payment went unmatched types its M-Pesa code and the order turns paid", async ({
  page,
}) => {
  // The prompt never reaches the phone (1037); the shopper pays by Pay Bill with a mistyped account number.
  await emulator.post("rules", { phone: "254711000403", outcome: "timeout", delayMs: 500 });
  await emulator.setOptions({ c2bValidation: false });
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Njeri Wambui");
  await page.getByLabel("Phone number").fill("0711000403");
  await shop.chooseDelivery("Pick up at the shop");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible();
  const paid = await emulator.post("paybill", {
    business: "174379",
    account: "MY TEA",
    amount: 380,
    phone: "254711000403",
  });
  const code = String(paid.transId);

  const form = page.getByTestId("mpesa-code-form");
  await form.getByLabel("Already paid? Enter your M-Pesa code").fill("QZX1234567");
  await form.getByRole("button", { name: "Check my code" }).click();
  // Said once, under the box; the summary only points to it.
  await expect(form.getByText("M-Pesa has no payment to this shop with code QZX1234567.")).toHaveCount(1);
  await expect(form.getByTestId("error-summary")).not.toContainText("M-Pesa has no payment");
  await expect(
    form.getByTestId("error-summary").getByRole("link", { name: "Already paid? Enter your M-Pesa code" }),
  ).toBeVisible();
  // Kept as typed, to correct.
  await expect(form.getByLabel("Already paid? Enter your M-Pesa code")).toHaveValue("QZX1234567");
  await page.screenshot({ path: "test-results/typed-code-wrong-360.png", fullPage: true });
  expect(await layoutProblems(page)).toEqual([]);

  await form.getByLabel("Already paid? Enter your M-Pesa code").fill(code.toLowerCase());
  await form.getByRole("button", { name: "Check my code" }).click();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("receipt")).toHaveText(code);
  await page.screenshot({ path: "test-results/typed-code-paid-360.png", fullPage: true });
  expect(await layoutProblems(page)).toEqual([]);
});
