import { type Browser, type Page, expect, test } from "@playwright/test";
import { resetShop, withDb } from "./support/database";
import { answerOnPhone, emulator } from "./support/emulator";
import { smallTapTargets } from "./support/layout";
import { Shop } from "./support/shop";

// Each test pays from its own number: the emulator (like Daraja) answers 17 to the same amount from the
// same phone within two minutes.
// Each test is also a shopper on a network of its own, though all of them reach the shop from 127.0.0.1:
// the per-network checkout limit starts afresh.
test.beforeAll(resetShop);
test.beforeEach(async () => {
  await emulator.reset();
  await withDb((db) => db.rateLimitCounter.deleteMany());
});

async function checkOut(page: Page, phone: string, name = "Wanjiku Kamau") {
  await page.goto("/checkout");
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Phone number").fill(phone);
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);
}

async function newShopper(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("check out, approve on the phone, see Paid with the M-Pesa receipt", async ({ page, context }) => {
  const shop = new Shop(page);
  await shop.addToCart("kericho-gold-tea-250g", 2);
  await shop.cartLink().click();
  await page.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByTestId("checkout-total")).toHaveText("KES 760");
  await checkOut(page, "0711 000 101");

  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  await expect(page.getByText("2547******101")).toBeVisible();
  await expect(page.getByText(/The prompt expires in 0:\d\d/)).toBeVisible();
  await shop.expectCartCount(0);

  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000101", "Pay");
  await page.bringToFront(); // SWR polls only a visible page (and refreshes on focus)
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveText(/^[A-Z0-9]{10}$/);
  // The paid time, said once: in the progress list, not again as a "Paid on" row of the receipt.
  await expect(page.getByTestId("order-progress")).toContainText(/Paid\s*\d{1,2} \w{3} \d{4}, \d\d:\d\d EAT/);
  await expect(page.getByText("Paid on")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Print receipt" })).toBeVisible();
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await smallTapTargets(page)).toEqual([]);
  await page.screenshot({ path: "test-results/order-paid-360.png", fullPage: true });
});

test("cancel on the phone, see why, try again and pay", async ({ page, context }) => {
  await new Shop(page).addToCart("mwiko-set", 1);
  await checkOut(page, "0711000102");
  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000102", "Cancel");
  await page.bringToFront(); // SWR polls only a visible page (and refreshes on focus)
  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible();
  await expect(page.getByTestId("failure-reason")).toContainText(/cancel/i);

  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  await answerOnPhone(phone, "254711000102", "Pay");
  await page.bringToFront(); // SWR polls only a visible page (and refreshes on focus)
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
});

test("insufficient funds, then pay from a different number", async ({ page, context }) => {
  await new Shop(page).addToCart("thermos-flask-2l", 1);
  await checkOut(page, "0711000103");
  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000103", "Insufficient funds");
  await page.bringToFront(); // SWR polls only a visible page (and refreshes on focus)
  await expect(page.getByTestId("failure-reason")).toContainText(/balance is too low/i);

  await page.setViewportSize({ width: 360, height: 740 });
  expect(await smallTapTargets(page)).toEqual([]);
  await page.getByRole("button", { name: "Use a different number" }).click();
  await page.getByLabel("Phone number").fill("0711 000");
  await page.getByRole("button", { name: "Send prompt to this number" }).click();
  // The mistake is said once, under the box: the summary above says only to check it.
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Check the highlighted fields.");
  await expect(page.getByText("Enter a Kenyan mobile number")).toHaveCount(1);
  await expect(page.locator("#field-phone-error")).toHaveText(
    "Enter a Kenyan mobile number, e.g. 0712 345 678.",
  );
  await page.getByLabel("Phone number").fill("0711 000 113");
  await page.getByRole("button", { name: "Send prompt to this number" }).click();
  await expect(page.getByText("2547******113")).toBeVisible();
  await answerOnPhone(phone, "254711000113", "Pay");
  await page.bringToFront(); // SWR polls only a visible page (and refreshes on focus)
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
});

test("an unanswered prompt times out and says the phone was not reached", async ({ page }) => {
  await emulator.setOptions({ promptTimeoutMs: 2000 });
  await new Shop(page).addToCart("chilli-sauce-pilipili", 1);
  await checkOut(page, "0711000104");
  await expect(page.getByRole("heading", { name: "Payment not completed" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("failure-reason")).toContainText(/phone/i);
  await expect(page.getByRole("button", { name: "Try again" })).toBeEnabled();
});

test("after result 17 the retry waits out M-Pesa's two minutes with a visible timer", async ({ page }) => {
  await new Shop(page).addToCart("akala-sandals", 1);
  await checkOut(page, "0711000108");
  await emulator.post("fail", { target: "254711000108", code: 17 });
  await expect(page.getByTestId("failure-reason")).toContainText(/wait two minutes/i);
  await expect(page.getByRole("timer")).toHaveText(/You can try again in 1:[45]\d\./);
  await expect(page.getByRole("button", { name: "Try again" })).toBeDisabled();
});

test("the retry timer runs on the server's clock, even on a phone whose clock is ten minutes slow", async ({
  page,
}) => {
  await page.clock.install({ time: Date.now() - 10 * 60_000 });
  await new Shop(page).addToCart("akala-sandals", 1);
  await checkOut(page, "0711000110");
  await emulator.post("fail", { target: "254711000110", code: 17 });
  await expect(page.getByTestId("failure-reason")).toContainText(/wait two minutes/i);
  await expect(page.getByRole("timer")).toHaveText(/You can try again in 1:[45]\d\./);
});

test("a double submit of the checkout form makes one order and one prompt", async ({ page }) => {
  await new Shop(page).addToCart("batik-lion", 1);
  await page.goto("/checkout");
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByLabel("Full name").fill("Double Clicker");
  await page.getByLabel("Phone number").fill("0711000109");
  // Two submissions of the same form (same idempotency key), as a double click without JS would send.
  await page.evaluate(() => {
    const form = document.querySelector("form:has(input[name=checkoutKey])") as HTMLFormElement;
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(page).toHaveURL(/\/orders\//);
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  expect(await withDb((db) => db.order.count({ where: { customerName: "Double Clicker" } }))).toBe(1);
  expect((await emulator.ledger("254711000109")).entries).toHaveLength(1);
});

test("on a slow network the pay button says the prompt is being sent; Apply does not make it say so", async ({
  page,
}) => {
  await new Shop(page).addToCart("kanga-pair", 1);
  await page.goto("/checkout");
  // Every form post takes two seconds more, as on a weak 3G signal.
  await page.route("**/checkout", async (route) => {
    if (route.request().method() === "POST") await new Promise((later) => setTimeout(later, 2000));
    await route.continue();
  });
  await new Shop(page).chooseDelivery("Pick up at the shop");
  await page.getByLabel("Full name").fill("Slow Signal");
  await page.getByLabel("Phone number").fill("0711000151");
  const pay = page.getByRole("button", { name: "Pay with M-Pesa" });

  await page.getByLabel("Discount code").fill("karibu10");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(pay).toBeDisabled();
  await expect(page.getByRole("button", { name: "Sending the prompt…" })).toHaveCount(0);
  await expect(page.getByText("Code KARIBU10 applied.")).toBeVisible();

  await pay.click();
  await expect(page.getByRole("button", { name: "Sending the prompt…" })).toBeDisabled();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
});

test("an item that sold out while in the cart is dropped: the header counts the rest and checkout takes it", async ({
  page,
}) => {
  const shop = new Shop(page);
  await shop.addToCart("solar-lamp", 2);
  await shop.addToCart("sufuria-set-5", 1);
  await shop.expectCartCount(3);
  const soldOut = { product: { slug: "solar-lamp" } };
  const stock = await withDb(
    async (db) => (await db.productVariant.findFirstOrThrow({ where: soldOut })).stock,
  );
  await withDb((db) => db.productVariant.updateMany({ where: soldOut, data: { stock: 0 } }));
  try {
    await shop.cartLink().click();
    await expect(page.getByText("Solar Lamp with Phone Charger is sold out and was removed")).toBeVisible();
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await page.goto("/");
    await shop.expectCartCount(1);
    // Checkout shows the pot set alone, and Pay takes it (it was refused at every try: the lamp stayed stored).
    await checkOut(page, "0711000152", "Sold Out Survivor");
    await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
    const items = await withDb((db) =>
      db.orderItem.findMany({ where: { order: { customerName: "Sold Out Survivor" } } }),
    );
    expect(items.map((i) => [i.name, i.quantity])).toEqual([["Aluminium Sufuria Set (5 pcs)", 1]]);
  } finally {
    await withDb((db) => db.productVariant.updateMany({ where: soldOut, data: { stock } }));
  }
});

test("reloading the order page mid-way keeps waiting, then shows the result", async ({ page, context }) => {
  await new Shop(page).addToCart("kanga-pair", 1);
  await checkOut(page, "0711000105");
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  const phone = await context.newPage();
  await answerOnPhone(phone, "254711000105", "Pay");
  await page.bringToFront(); // SWR polls only a visible page (and refreshes on focus)
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
});

test("the checkout form explains bad input and keeps what was typed", async ({ page }) => {
  await new Shop(page).addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("A");
  await page.getByLabel("Phone number").fill("12345");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  // Each error next to its field (the summary at the top repeats them as links).
  await expect(page.locator("#field-customerName-error")).toHaveText("Enter your full name.");
  await expect(page.locator("#field-phone-error")).toContainText(/Enter a Kenyan mobile number/);
  await expect(page.locator("#field-email-error")).toContainText(/Enter a valid email/);
  await expect(page.getByLabel("Phone number")).toHaveValue("12345");
  await expect(page).toHaveURL(/\/checkout$/);
  expect(await withDb((db) => db.order.count({ where: { customerName: "A" } }))).toBe(0);
});

test("sold-out race: two shoppers want the last one, the second is told before paying", async ({
  browser,
}) => {
  await withDb((db) =>
    db.productVariant.updateMany({ where: { product: { slug: "bao-board" } }, data: { stock: 1 } }),
  );
  const first = await newShopper(browser);
  const second = await newShopper(browser);
  await new Shop(first.page).addToCart("bao-board", 1);
  await new Shop(second.page).addToCart("bao-board", 1);

  // Both are on the checkout form; the first pays for the last one while the second is still typing.
  await second.page.goto("/checkout");
  await checkOut(first.page, "0711000106", "First Shopper");
  await new Shop(second.page).chooseDelivery("Pick up at the shop");
  await second.page.getByLabel("Full name").fill("Second Shopper");
  await second.page.getByLabel("Phone number").fill("0711000107");
  await second.page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(
    // The last one is held by the first shopper's unpaid order: not sold yet, so the second hears when to look again.
    second.page
      .getByRole("alert")
      .filter({ hasText: /Bao Game Board is reserved by other shoppers: check back in \d+ minutes?/ }),
  ).toBeVisible();
  expect((await emulator.ledger("254711000107")).entries).toHaveLength(0);
  await expect(second.page.getByRole("link", { name: "Review your cart" })).toBeVisible();

  await answerOnPhone(await first.context.newPage(), "254711000106", "Pay");
  await first.page.bringToFront(); // SWR polls only a visible page (and refreshes on focus)
  await expect(first.page.getByRole("heading", { name: "Payment received" })).toBeVisible();

  // Coming back later, the second shopper's cart says so too.
  await second.page.goto("/cart");
  await expect(
    second.page.getByText("Bao Game Board is sold out and was removed from your cart."),
  ).toBeVisible();
  await first.context.close();
  await second.context.close();
});

test("a number that had its M-Pesa prompts hears when it can try again and is offered pay on delivery, not the cart", async ({
  page,
}) => {
  // Three prompts went to this number four minutes ago: the limit (PROMPTS_PER_PHONE) is used up.
  await withDb((db) =>
    db.rateLimitCounter.create({
      data: {
        key: "prompt:phone:254711000109",
        windowStart: new Date(Date.now() - 4 * 60_000),
        count: 3,
      },
    }),
  );
  await page.setViewportSize({ width: 360, height: 740 });
  await new Shop(page).addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await new Shop(page).chooseDelivery("Nairobi CBD");
  await page.getByLabel("County").selectOption("Nairobi");
  await page.getByLabel("Town or estate").fill("Westlands");
  await page.getByLabel("Landmark or directions").fill("Sarit Centre, gate B");
  await page.getByLabel("Full name").fill("Prompted Out");
  await page.getByLabel("Phone number").fill("0711 000 109");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();

  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText(
    /Too many M-Pesa prompts to this number\. You can try again at \d\d:\d\d EAT \(in [56] minutes\)\./,
  );
  await expect(summary).toContainText("Or pay now from another M-Pesa number.");
  // No order was made and the cart is fine: nothing to review there.
  await expect(page.getByRole("link", { name: "Review your cart" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/checkout-prompt-limit-360.png", fullPage: true });
  expect((await emulator.ledger("254711000109")).entries).toHaveLength(0);

  await summary.getByRole("button", { name: "Pay on delivery instead" }).click();
  await expect(page.getByRole("radio", { name: /Pay on delivery/ })).toBeChecked();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);
  await expect(page.getByRole("heading", { name: "Order placed" })).toBeVisible();
});
