import { expect, test } from "@playwright/test";
import { OWNER, insertOrder, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { layoutProblems } from "./support/layout";

test.beforeAll(async () => {
  await resetShop();
  await insertOrder({
    reference: "DK-FLAG1",
    customerName: "Chebet Kiptoo",
    receipt: "TFLAG00001",
    totalKes: 1450,
    needsAttention: "A second payment (TFLAG00002, KES 1,450) arrived for an order already paid: refund one.",
  });
});

test("on a phone, the seller reads a flagged order's history and marks the flag resolved", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/orders/DK-FLAG1");

  const attention = page.getByRole("region", { name: "Why this order needs attention" });
  await expect(attention).toContainText("A second payment (TFLAG00002");
  await expect(page.getByText("Needs attention", { exact: true }).first()).toBeVisible();
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Attempt 1 paid");
  await expect(timeline).toContainText("KES 1,450 received by M-Pesa prompt");
  await expect(timeline).toContainText("Needs attention");
  await expect(page.getByTestId("order-money")).toContainText("Settled");
  expect(await layoutProblems(page)).toEqual([]);
  const button = attention.getByRole("button", { name: "Mark resolved" });
  expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await page.screenshot({ path: "test-results/order-flag-open-360.png", fullPage: true });

  // A note too long is refused next to the field, and what was typed stays.
  const note = attention.getByLabel("What you did (optional)");
  await note.evaluate((el) => el.removeAttribute("maxlength"));
  await note.fill("x".repeat(501));
  await button.click();
  await expect(attention.getByText("Keep the note under 500 characters.", { exact: true })).toBeVisible();
  await expect(note).toHaveAttribute("aria-invalid", "true");
  expect(await withDb((db) => db.orderEvent.count({ where: { kind: "FLAG_RESOLVED" } }))).toBe(0);

  await note.fill("Refunded TFLAG00002 by M-Pesa reversal.");
  await button.click();
  await expect(attention).toHaveCount(0);
  await expect(page.getByText("Needs attention", { exact: true })).toHaveCount(0);
  await expect(timeline).toContainText("Needed attention (resolved)");
  await expect(timeline).toContainText(`Resolved by ${OWNER.email}`);
  await expect(timeline).toContainText("Refunded TFLAG00002 by M-Pesa reversal.");
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: "test-results/order-flag-resolved-360.png", fullPage: true });

  // The orders list no longer counts it as needing attention.
  await page.goto("/dashboard/orders?status=attention");
  await expect(new Dashboard(page).orderRows()).toHaveCount(0);
});
