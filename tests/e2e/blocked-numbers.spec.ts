import { type Page, expect, test } from "@playwright/test";
import { OWNER, createStaff, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { layoutProblems } from "./support/layout";

// Issue 22: the seller sees and manages the numbers blocked from paying on delivery, on a 360 px phone.
test.use({ viewport: { width: 360, height: 740 } });
test.beforeAll(resetShop);
test.beforeEach(() => withDb((db) => db.rateLimitCounter.deleteMany()));

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `test-results/blocked-${name}.png`, fullPage: true });
}

test("the seller finds the blocked numbers under More, unblocks one and blocks another by hand", async ({
  page,
}) => {
  await withDb((db) =>
    db.blockedPhone.create({
      data: { phone: "254712345678", reason: "Order DK-NOPAY1", blockedBy: OWNER.email },
    }),
  );
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  const bar = page.getByTestId("tab-bar");
  await bar.getByText("More", { exact: true }).click();
  await bar.getByRole("link", { name: "Blocked numbers" }).click();
  await expect(page).toHaveURL(/\/dashboard\/blocked$/);
  // The menu closes once its page opens: it does not cover the page's buttons.
  await expect(bar.getByRole("link", { name: "Blocked numbers" })).toBeHidden();

  const row = page.getByTestId("blocked-row").filter({ hasText: "0712 345 678" });
  await expect(row).toContainText("Order DK-NOPAY1");
  await expect(row).toContainText(`Blocked by ${OWNER.email}`);
  await expect(row).toContainText("EAT");
  const unblock = row.getByRole("button", { name: "Unblock 0712 345 678" });
  expect((await unblock.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await shot(page, "list");

  await unblock.click();
  await expect(page.getByTestId("blocked-row")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No blocked numbers" })).toBeVisible();
  expect(await withDb((db) => db.blockedPhone.count())).toBe(0);

  // Typed by hand: a number that is not a Kenyan mobile is refused beside the field, what was typed kept.
  await page.getByLabel("Phone number").fill("0712 34");
  await page.getByLabel("Reason (optional)").fill("Refused the parcel at the door twice");
  await page.getByRole("button", { name: "Block number" }).click();
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await expect(page.locator("#block-phone-error")).toHaveText(
    "Enter a Kenyan mobile number, e.g. 0712 345 678",
  );
  await expect(page.getByLabel("Reason (optional)")).toHaveValue("Refused the parcel at the door twice");
  await page.getByLabel("Phone number").fill("0722 000 111");
  await page.getByRole("button", { name: "Block number" }).click();
  await expect(page.getByText("Blocked 0722 000 111: it must pay with M-Pesa at checkout.")).toBeVisible();
  await expect(page.getByTestId("blocked-row").filter({ hasText: "0722 000 111" })).toContainText(
    "Refused the parcel at the door twice",
  );
  expect(
    await withDb((db) => db.blockedPhone.findUnique({ where: { phone: "254722000111" } })),
  ).toMatchObject({ blockedBy: OWNER.email });
  await shot(page, "after");
});

test("staff see the list too (they block at the door)", async ({ page }) => {
  await createStaff("rider@duka.test", "rider-password-1", "Rider Staff");
  await new Dashboard(page).signInOk("rider@duka.test", "rider-password-1");
  const bar = page.getByTestId("tab-bar");
  await bar.getByText("More", { exact: true }).click();
  await bar.getByRole("link", { name: "Blocked numbers" }).click();
  await expect(page.getByTestId("blocked-row").filter({ hasText: "0722 000 111" })).toBeVisible();
});
