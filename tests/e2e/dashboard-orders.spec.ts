import { expect, test } from "@playwright/test";
import { OWNER, createStaff, insertOrder, resetShop } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { layoutProblems } from "./support/layout";

const STAFF = { email: "packer@duka.test", password: "packer-password-1" };

test.beforeAll(async () => {
  await resetShop();
  await createStaff(STAFF.email, STAFF.password, "Packer");
  const hour = 3600_000;
  await insertOrder({
    reference: "DK-PAID1",
    customerName: "Wanjiku Kamau",
    receipt: "TLA1B2C3D4",
    totalKes: 1450,
    paidAt: new Date(Date.now() - 2 * hour),
  });
  await insertOrder({
    reference: "DK-PAID2",
    customerName: "=cmd|' /C calc'!A0",
    receipt: "TLA9Z8Y7X6",
    totalKes: 800,
    paidAt: new Date(Date.now() - 3 * hour),
  });
  await insertOrder({ reference: "DK-FAIL1", customerName: "Otieno Odhiambo", status: "FAILED" });
  await insertOrder({
    reference: "DK-LATE1",
    customerName: "Akinyi",
    receipt: "TLATE00001",
    needsAttention: "Paid after the order expired; one item sold out meanwhile.",
  });
});

test.beforeEach(async ({ page }) => {
  await new Dashboard(page).signInOk(STAFF.email, STAFF.password);
});

test("paid orders by default; filters live in the URL", async ({ page }) => {
  const d = new Dashboard(page);
  await page.goto("/dashboard/orders");
  await expect(d.orderRows()).toHaveCount(3);
  await expect(d.orderRows().filter({ hasText: "DK-FAIL1" })).toHaveCount(0);

  await d.openOrderFilters();
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(d.orderRows()).toHaveCount(1);
  await expect(d.orderRows().first()).toContainText("Otieno Odhiambo");

  await page.goto("/dashboard/orders?status=attention");
  await expect(d.orderRows()).toHaveCount(1);
  await expect(d.orderRows().first()).toContainText("DK-LATE1");
});

test("search by M-Pesa receipt finds the order", async ({ page }) => {
  const d = new Dashboard(page);
  await page.goto("/dashboard/orders");
  await page.getByLabel("Search").fill("tla1b2c3d4");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=tla1b2c3d4/);
  await expect(d.orderRows()).toHaveCount(1);
  await expect(d.orderRows().first()).toContainText("Wanjiku Kamau");
});

test("a search over 100 characters is refused beside the box, kept as typed, and lists no orders", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const d = new Dashboard(page);
  // A shared or bookmarked link: the box itself takes no more than 100 characters.
  const long = `Wanjiku Kamau ${"x".repeat(100)}`;
  await page.goto(`/dashboard/orders?status=all&q=${encodeURIComponent(long)}`);
  const box = page.getByLabel("Search");
  await expect(box).toHaveValue(long);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#q-error")).toHaveText(
    "Search text is too long (114 characters): use at most 100.",
  );
  await expect(page.getByTestId("orders-count")).toHaveText("0 orders");
  await expect(d.orderRows()).toHaveCount(0);
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: "test-results/orders-search-too-long-360.png", fullPage: true });
  // Cut down to the name, it finds the order.
  await box.fill("Wanjiku Kamau");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(d.orderRows()).toHaveCount(1);
  await expect(page.locator("#q-error")).toHaveCount(0);
});

test("CSV export has the current filter, amounts in KES and defused formulas", async ({ page }) => {
  const res = await page.request.get("/api/dashboard/orders/export");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).trimEnd().split("\r\n");
  expect(lines[0]).toContain("Total (KES)");
  expect(lines).toHaveLength(4);
  expect(lines.find((l) => l.startsWith("DK-PAID1"))).toContain(",1450,TLA1B2C3D4,");
  expect(lines.find((l) => l.startsWith("DK-PAID2"))).toContain(`,'=cmd|' /C calc'!A0,`);
  expect(lines.some((l) => l.startsWith("DK-FAIL1"))).toBe(false);
  const failed = await (await page.request.get("/api/dashboard/orders/export?status=failed")).text();
  expect(failed).toContain("DK-FAIL1");
  expect(failed).not.toContain("DK-PAID1");
});

test("an order page shows the timeline, explains attention and can be fulfilled", async ({ page }) => {
  await page.goto("/dashboard/orders/DK-LATE1");
  const attention = page.getByRole("region", { name: "Why this order needs attention" });
  await expect(attention.getByText("Paid after the order expired")).toBeVisible();
  // The flag is in the order's history too.
  await expect(page.getByTestId("timeline")).toContainText("Paid after the order expired");
  await page.goto("/dashboard/orders/DK-PAID1");
  await expect(page.getByTestId("order-receipt")).toHaveText("TLA1B2C3D4");
  await expect(page.getByTestId("timeline")).toContainText("Attempt 1 paid");
  await page.getByRole("button", { name: "Mark fulfilled" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked fulfilled." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark unfulfilled" })).toBeVisible();
  await page.goto("/dashboard/orders?fulfilment=fulfilled");
  await expect(new Dashboard(page).orderRows()).toHaveCount(1);
  await expect(page.getByTestId("order-row").first()).toContainText("DK-PAID1");
});

test("a failed payment is explained in the seller's words, with M-Pesa's code", async ({ page }) => {
  await page.goto("/dashboard/orders/DK-FAIL1");
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Attempt 1 failed");
  await expect(timeline).toContainText("The shopper cancelled the prompt or entered a wrong PIN (code 1032");
  await expect(timeline).not.toContainText("Try again when you're ready");
});

test("a new paid order appears on the overview without a reload", async ({ page }) => {
  await page.goto("/dashboard");
  const latest = page.getByTestId("latest-paid");
  await expect(latest).toContainText("DK-PAID1");
  await expect(latest).not.toContainText("DK-LIVE1");
  await insertOrder({
    reference: "DK-LIVE1",
    customerName: "Baraka Live",
    receipt: "TLIVE00001",
    totalKes: 2300,
  });
  await expect(latest).toContainText("DK-LIVE1", { timeout: 8_000 });
  await expect(page.getByTestId("kpi-today")).toContainText(/paid order/);
});

test("the owner sees the same orders", async ({ page }) => {
  const d = new Dashboard(page);
  await d.signOut();
  await d.signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/orders?q=DK-PAID2");
  await expect(d.orderRows()).toHaveCount(1);
});
