import { createHash } from "node:crypto";
import { type Locator, type Page, expect, test } from "@playwright/test";
import { OWNER, createStaff, insertOrder, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { emulator } from "./support/emulator";
import { layoutProblems } from "./support/layout";
import { Shop } from "./support/shop";

// Every form on one pattern (components/ui/action-form.tsx): after a refused submit, what was typed stays,
// an error summary at the top links to each field at fault, and focus moves to it. On a 360 px phone.
test.use({ viewport: { width: 360, height: 740 } });
test.beforeAll(resetShop);
test.beforeEach(() => withDb((db) => db.rateLimitCounter.deleteMany()));

/**
 * The summary has focus and links to each field at fault by its label ("Label: message" names both); the
 * message itself is said once, under its field, not again in the summary.
 */
async function expectSummaryFocused(page: Page, errors: string[]) {
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  for (const error of errors) {
    const [label, message] = [error.slice(0, error.indexOf(": ")), error.slice(error.indexOf(": ") + 2)];
    await expect(summary.getByRole("link", { name: label, exact: true })).toBeVisible();
    await expect(summary).not.toContainText(message);
    await expect(page.getByText(message)).toHaveCount(1);
  }
  return summary;
}

/** The field's own error, shown under it and tied to it (what the summary's link leads to). */
async function expectFieldError(page: Page, field: Locator, message: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const id = await field.getAttribute("id");
  await expect(page.locator(`[id="${id}-error"]`)).toHaveText(message);
  await expect(page.locator(`[id="${id}-error"]`)).toBeVisible();
}

async function shot(page: Page, name: string) {
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `test-results/forms-${name}.png`, fullPage: true });
}

test("checkout keeps the county, town, name and phone after a refusal, and leads to the missing landmark", async ({
  page,
}) => {
  await new Shop(page).addToCart("mwiko-set", 1);
  await page.goto("/checkout");
  await new Shop(page).chooseDelivery("Nairobi CBD");
  await page.getByLabel("County").selectOption("Nairobi");
  await page.getByLabel("Town or estate").fill("Westlands");
  await page.getByLabel("Full name").fill("Wanjiku Kamau");
  await page.getByLabel("Phone number").fill("0711 000 301");
  await expect(page.getByLabel("Landmark or directions")).toHaveAttribute("maxlength", "200");
  await expect(page.getByLabel("Full name")).toHaveAttribute("maxlength", "80");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();

  const summary = await expectSummaryFocused(page, [
    "Landmark or directions: Describe how the rider finds you",
  ]);
  await shot(page, "checkout-refused");
  await expect(page.getByLabel("County")).toHaveValue("Nairobi");
  await expect(page.getByLabel("Town or estate")).toHaveValue("Westlands");
  await expect(page.getByLabel("Full name")).toHaveValue("Wanjiku Kamau");
  await expect(page.getByLabel("Phone number")).toHaveValue("0711 000 301");
  await expect(page.getByRole("radio", { name: /^Nairobi CBD/ })).toBeChecked();

  await summary.getByRole("link", { name: /Landmark/ }).click();
  const landmark = page.getByLabel("Landmark or directions");
  await expect(landmark).toBeFocused();
  await expect(landmark).toHaveAttribute("aria-invalid", "true");
  await landmark.fill("Sarit Centre, gate B");
  await page.getByRole("button", { name: "Pay with M-Pesa" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{16,}$/);
});

test("a new product keeps every field and its photo after a refusal; the slug follows the name; 'KES 1,200' is a price", async ({
  page,
}) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/products/new");
  await page.getByLabel("Name", { exact: true }).fill("Sisal Kikapu Tote");
  await expect(page.getByLabel("Web address (slug)")).toHaveValue("sisal-kikapu-tote");
  await page.getByLabel("Description").fill("Too short");
  await page.getByLabel("Price (KES)").fill("KES 1,200");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByLabel("Photo").setInputFiles("public/icons/dashboard-512.png");
  await expect(page.getByLabel("Description")).toHaveAttribute("maxlength", "2000");
  const lowStock = page.getByLabel("Low-stock alert at");
  // Empty: the shop's default, shown in the box.
  await expect(lowStock).toHaveAttribute("placeholder", /^\d+$/);
  await expect(lowStock).toHaveAttribute("inputmode", "numeric");
  await lowStock.fill("-2");
  await page.getByRole("button", { name: "Create product" }).click();

  await expectSummaryFocused(page, [
    "Description: Describe the product in at least 10 characters",
    "Low-stock alert at: At least 0",
  ]);
  await expectFieldError(page, lowStock, "At least 0");
  await shot(page, "product-refused");
  await expect(lowStock).toHaveValue("-2");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Sisal Kikapu Tote");
  await expect(page.getByLabel("Web address (slug)")).toHaveValue("sisal-kikapu-tote");
  await expect(page.getByLabel("Price (KES)")).toHaveValue("KES 1,200");
  await expect(page.getByLabel("Category")).not.toHaveValue("");
  const files = await page.getByLabel("Photo").evaluate((el: HTMLInputElement) => el.files?.length ?? 0);
  expect(files).toBe(1);

  await page.getByLabel("Description").fill("Hand-woven sisal kiondo with leather straps");
  await lowStock.fill("5");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Created Sisal Kikapu Tote.")).toBeVisible();
  const saved = await withDb((db) => db.product.findUnique({ where: { slug: "sisal-kikapu-tote" } }));
  expect(saved?.priceKes).toBe(1200);
  expect(saved?.lowStockThreshold).toBe(5);

  // The same name again: the made-up web address is numbered, never refused.
  await page.getByLabel("Name", { exact: true }).fill("Sisal Kikapu Tote");
  await page.getByLabel("Description").fill("A second kiondo in another colour");
  await page.getByLabel("Price (KES)").fill("1,300");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByLabel("Photo").setInputFiles("public/icons/dashboard-512.png");
  await page.getByRole("button", { name: "Create product" }).click();
  // The first creation's message is still shown: wait for the second product itself.
  await expect
    .poll(() => withDb((db) => db.product.count({ where: { slug: "sisal-kikapu-tote-2" } })))
    .toBe(1);
  // Created: the form empties itself (typing before it has would be wiped).
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");

  // A web address typed by the seller that another product has is refused next to the field.
  await page.getByLabel("Name", { exact: true }).fill("Kikapu third");
  await page.getByLabel("Web address (slug)").fill("sisal-kikapu-tote");
  await page.getByLabel("Description").fill("A third kiondo in yet another colour");
  await page.getByLabel("Price (KES)").fill("1300");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByLabel("Photo").setInputFiles("public/icons/dashboard-512.png");
  await page.getByRole("button", { name: "Create product" }).click();
  await expectSummaryFocused(page, ["Web address (slug): Another product already uses this web address"]);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Kikapu third");
});

test("the staff form keeps name and email; login keeps the email", async ({ page }) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/staff");
  await page.getByLabel("Name", { exact: true }).fill("Achieng Otieno");
  await page.getByLabel("Email", { exact: true }).fill("achieng@duka.test");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create staff account" }).click();
  await expectSummaryFocused(page, ["Password: Use at least 10 characters"]);
  await shot(page, "staff-refused");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Achieng Otieno");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("achieng@duka.test");

  await new Dashboard(page).signOut();
  await new Dashboard(page).signIn("owner@duka.test", "not-the-password");
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("owner@duka.test");
  await shot(page, "login-refused");
});

test("cancelling an unpaid order keeps the reason typed after a refusal", async ({ page }) => {
  await insertOrder({ reference: "DK-FORMC1", status: "FAILED", customerName: "Otieno Cancel" });
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/orders/DK-FORMC1");
  await page.getByText("Cancel this unpaid order").click();
  const reason = page.getByLabel("Reason (optional)");
  await expect(reason).toHaveAttribute("maxlength", "500");
  const typed = `Customer asked to cancel on WhatsApp. ${"x".repeat(470)}`;
  await reason.evaluate((el) => el.removeAttribute("maxlength"));
  await reason.fill(typed);
  await page.getByRole("button", { name: "Cancel order and release its stock" }).click();

  const summary = await expectSummaryFocused(page, [
    "Reason (optional): Keep the note under 500 characters.",
  ]);
  await shot(page, "cancel-refused");
  await expect(reason).toHaveValue(typed);
  expect(await withDb((db) => db.order.findUnique({ where: { reference: "DK-FORMC1" } }))).toMatchObject({
    status: "FAILED",
  });
  await summary.getByRole("link", { name: /Reason/ }).click();
  await expect(reason).toBeFocused();
  await reason.fill("Customer asked to cancel on WhatsApp.");
  await page.getByRole("button", { name: "Cancel order and release its stock" }).click();
  // The page shows the order cancelled: no cancel form any more.
  await expect(page.getByRole("button", { name: "Cancel order and release its stock" })).toHaveCount(0);
  await expect
    .poll(() => withDb((db) => db.order.findUnique({ where: { reference: "DK-FORMC1" } })))
    .toMatchObject({ status: "CANCELLED" });
});

test("resolving a flag keeps what the seller typed after a refusal", async ({ page }) => {
  await insertOrder({
    reference: "DK-FORMF1",
    customerName: "Chebet Flag",
    needsAttention: "A second payment arrived for an order already paid: refund one.",
  });
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/orders/DK-FORMF1");
  const attention = page.getByRole("region", { name: "Why this order needs attention" });
  const note = attention.getByLabel("What you did (optional)");
  await expect(note).toHaveAttribute("maxlength", "500");
  const typed = `Refunded the second payment. ${"y".repeat(480)}`;
  await note.evaluate((el) => el.removeAttribute("maxlength"));
  await note.fill(typed);
  await attention.getByRole("button", { name: "Mark resolved" }).click();

  await expectSummaryFocused(page, ["What you did (optional): Keep the note under 500 characters."]);
  await shot(page, "flag-refused");
  await expect(note).toHaveValue(typed);
  await note.fill("Refunded the second payment.");
  await attention.getByRole("button", { name: "Mark resolved" }).click();
  // Resolved: the order no longer asks for attention.
  await expect(attention).toHaveCount(0);
  expect(await withDb((db) => db.orderEvent.count({ where: { kind: "FLAG_RESOLVED" } }))).toBe(1);
});

test("the staff password reset keeps the new password typed after a refusal", async ({ page }) => {
  await createStaff("wanjiru@duka.test", "first-password-1", "Wanjiru Staff");
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/staff");
  const box = page.getByLabel("New password for Wanjiru Staff");
  await expect(box).toHaveAttribute("maxlength", "200");
  await box.fill("short");
  await page.getByRole("button", { name: "Reset password" }).click();
  await expectSummaryFocused(page, ["New password for Wanjiru Staff: Use at least 10 characters"]);
  await shot(page, "staff-reset-refused");
  await expect(box).toHaveValue("short");
  await box.fill("a-longer-password-2");
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByText("New password set for Wanjiru Staff.")).toBeVisible();
  await expect(box).toHaveValue("");
});

test("track my order keeps the reference and number after a refusal, then the code typed", async ({
  page,
}) => {
  await page.goto("/track");
  const reference = page.getByLabel("Order reference");
  const phone = page.getByLabel("Phone number");
  await expect(reference).toHaveAttribute("maxlength", "12");
  await expect(phone).toHaveAttribute("maxlength", "20");
  await reference.fill("DK-7Q4");
  await phone.fill("0711 000 801");
  await page.getByRole("button", { name: "Send me a code" }).click();

  const summary = await expectSummaryFocused(page, [
    "Order reference: Enter the order reference, e.g. DK-7Q4M2X.",
  ]);
  await shot(page, "track-refused");
  await expectFieldError(page, reference, "Enter the order reference, e.g. DK-7Q4M2X.");
  await expect(reference).toHaveValue("DK-7Q4");
  await expect(phone).toHaveValue("0711 000 801");
  await summary.getByRole("link", { name: /Order reference/ }).click();
  await expect(reference).toBeFocused();

  // The second step: a code of five digits is refused in its own form, and stays as typed.
  await reference.fill("DK-7Q4M2X");
  await page.getByRole("button", { name: "Send me a code" }).click();
  const code = page.getByLabel("6-digit code");
  // The code box, below the fold at 360 x 740, comes into view with focus (the keyboard for the SMS code).
  await expect(code).toBeFocused();
  await expect(code).toBeInViewport();
  await expect(code).toHaveAttribute("maxlength", "6");
  await code.fill("12345");
  await page.getByRole("button", { name: "See my order" }).click();
  await expectSummaryFocused(page, ["6-digit code: Enter the 6-digit code from the SMS."]);
  await shot(page, "track-code-refused");
  await expectFieldError(page, code, "Enter the 6-digit code from the SMS.");
  await expect(code).toHaveValue("12345");
  await expect(reference).toHaveValue("DK-7Q4M2X");
});

test("the payment-link builder keeps every line and the customer after a refusal, each error at its box", async ({
  page,
}) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/links");
  const first = page.getByLabel("Item 1", { exact: true });
  const tea = await first.locator("option", { hasText: "Kericho Gold Tea" }).getAttribute("value");
  await first.selectOption(tea!);
  await page.getByLabel("Quantity of item 1").fill("2");
  await page.getByRole("button", { name: "Add another item" }).click();
  const name = page.getByLabel("Name of item 2");
  const price = page.getByLabel("Price (KES) of item 2");
  await expect(name).toHaveAttribute("maxlength", "80");
  await expect(price).toHaveAttribute("maxlength", "20");
  await name.fill("Gift wrapping");
  await price.fill("1,50");
  await page.getByLabel("Customer's name").fill("Wanjiru Kamau");
  const phone = page.getByLabel("Customer's phone");
  await expect(phone).toHaveAttribute("maxlength", "20");
  await phone.fill("0711 000 6");
  await page.getByLabel("Delivery", { exact: true }).selectOption("pickup");
  await page.getByLabel("Also send the link by SMS").uncheck();
  await page.getByRole("button", { name: "Make payment link" }).click();

  const summary = await expectSummaryFocused(page, [
    "Price (KES) of item 2: Enter the price in whole shillings, e.g. 1,500.",
    "Customer's phone: Enter a Kenyan mobile number, e.g. 0712 345 678.",
  ]);
  await shot(page, "link-refused");
  await expectFieldError(page, price, "Enter the price in whole shillings, e.g. 1,500.");
  await expectFieldError(page, phone, "Enter a Kenyan mobile number, e.g. 0712 345 678.");
  await expect(first).toHaveValue(tea!);
  await expect(page.getByLabel("Quantity of item 1")).toHaveValue("2");
  await expect(name).toHaveValue("Gift wrapping");
  await expect(price).toHaveValue("1,50");
  await expect(page.getByLabel("Customer's name")).toHaveValue("Wanjiru Kamau");
  await expect(phone).toHaveValue("0711 000 6");
  await expect(page.getByLabel("Delivery", { exact: true })).toHaveValue("pickup");
  await expect(page.getByLabel("Also send the link by SMS")).not.toBeChecked();
  expect(await withDb((db) => db.paymentLink.count())).toBe(0);

  await summary.getByRole("link", { name: /Price \(KES\) of item 2/ }).click();
  await expect(price).toBeFocused();
  // Typed as on the product form: "KES 1,500" is 1,500 shillings.
  await price.fill("KES 1,500");
  await phone.fill("0711 000 602");
  await page.getByRole("button", { name: "Make payment link" }).click();
  await expect(page.getByTestId("link-made")).toContainText("Link ready");
  const links = await withDb((db) => db.paymentLink.findMany());
  expect(links.map((l) => l.goodsKes)).toEqual([2 * 380 + 1500]);
});

test("paying through a link keeps the address and details typed after a refusal", async ({ page }) => {
  const token = "e2e-forms-link-0001";
  await withDb(async (db) => {
    const zone = await db.deliveryZone.findFirstOrThrow({ where: { name: "Nairobi CBD" } });
    await db.paymentLink.create({
      data: {
        tokenHash: createHash("sha256").update(token).digest("hex"),
        customerName: "Akinyi Otieno",
        phone: "254711000901",
        deliveryKey: zone.id,
        deliveryFeeKes: zone.feeKes,
        goodsKes: 1500,
        expiresAt: new Date(Date.now() + 48 * 3_600_000),
        createdBy: OWNER.email,
        lines: { create: [{ name: "Kiondo basket", unitPriceKes: 1500, quantity: 1 }] },
      },
    });
  });
  await page.goto(`/pay/${token}`);
  const name = page.getByLabel("Full name");
  const phone = page.getByLabel("Phone number");
  await expect(name).toHaveValue("Akinyi Otieno");
  await expect(phone).toHaveValue("0711000901");
  await expect(name).toHaveAttribute("maxlength", "80");
  await expect(phone).toHaveAttribute("maxlength", "20");
  await page.getByLabel("County").selectOption("Nairobi");
  await page.getByLabel("Town or estate").fill("Kilimani");
  const landmark = page.getByLabel("Landmark or directions");
  await landmark.fill("Y");
  await name.fill("Akinyi A. Otieno");
  await phone.fill("0711 000 9");
  await page.getByLabel("Email").fill("akinyi@duka.test");
  await page.getByRole("radio", { name: /Pay on delivery/ }).check();
  await page.getByRole("button", { name: "Place order" }).click();

  await expectSummaryFocused(page, [
    "Landmark or directions: Describe how the rider finds you, e.g. a building or landmark.",
    "Phone number: Enter a Kenyan mobile number, e.g. 0712 345 678.",
  ]);
  await shot(page, "link-pay-refused");
  await expectFieldError(page, phone, "Enter a Kenyan mobile number, e.g. 0712 345 678.");
  await expectFieldError(page, landmark, "Describe how the rider finds you, e.g. a building or landmark.");
  await expect(page.getByLabel("County")).toHaveValue("Nairobi");
  await expect(page.getByLabel("Town or estate")).toHaveValue("Kilimani");
  await expect(landmark).toHaveValue("Y");
  await expect(name).toHaveValue("Akinyi A. Otieno");
  await expect(phone).toHaveValue("0711 000 9");
  await expect(page.getByLabel("Email")).toHaveValue("akinyi@duka.test");
  await expect(page.getByRole("radio", { name: /Pay on delivery/ })).toBeChecked();
  expect(await withDb((db) => db.order.count({ where: { paymentLinkId: { not: null } } }))).toBe(0);

  await landmark.fill("Yaya Centre, block C");
  await phone.fill("0711 000 902");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("heading", { name: "Order placed" })).toBeVisible();
});

test("the door prompt keeps a mistyped number, says why beside it, and sends nothing", async ({ page }) => {
  await emulator.reset();
  await insertOrder({ reference: "DK-FORMD1", status: "FAILED", customerName: "Mwangi Door" });
  await withDb((db) =>
    db.order.update({ where: { reference: "DK-FORMD1" }, data: { paymentMethod: "ON_DELIVERY" } }),
  );
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/orders/DK-FORMD1");
  // No delivery to dispatch and nothing paid yet: no fulfilment step, so no card for it (an empty one sat
  // between Money and Cancel); every card on the page says something.
  await expect(page.getByRole("region", { name: "Fulfilment" })).toHaveCount(0);
  for (const section of await page.locator("section").all())
    expect((await section.innerText()).trim()).not.toBe("");
  const number = page.getByLabel("M-Pesa number (optional)");
  await expect(number).toHaveAttribute("maxlength", "20");
  await number.fill("0711 12");
  await page.getByRole("button", { name: "Send M-Pesa prompt" }).click();

  const summary = await expectSummaryFocused(page, [
    "M-Pesa number (optional): Enter a Kenyan mobile number, e.g. 0712 345 678.",
  ]);
  await shot(page, "door-refused");
  await expectFieldError(page, number, "Enter a Kenyan mobile number, e.g. 0712 345 678.");
  await expect(number).toHaveValue("0711 12");
  expect(
    await withDb((db) => db.paymentAttempt.count({ where: { order: { reference: "DK-FORMD1" } } })),
  ).toBe(1);

  await summary.getByRole("link", { name: /M-Pesa number/ }).click();
  await expect(number).toBeFocused();
  await number.fill("0711 000 903");
  await page.getByRole("button", { name: "Send M-Pesa prompt" }).click();
  await expect(
    page.getByText("Prompt sent to 2547******903: ask them to enter their M-Pesa PIN."),
  ).toBeVisible();
  expect((await emulator.ledger("254711000903")).entries).toHaveLength(1);
});
