import { expect, test } from "@playwright/test";
import { OWNER, createStaff, resetShop } from "./support/database";
import { Dashboard } from "./support/dashboard";

const STAFF = { email: "staff@duka.test", password: "staff-password-1" };

test.beforeAll(async () => {
  await resetShop();
  await createStaff(STAFF.email, STAFF.password, "Juma");
  await createStaff("locked@duka.test", "locked-password-1", "Lock Test");
});

test("anonymous visitors are sent to the login page; APIs answer 401", async ({ page, request }) => {
  await page.goto("/dashboard/orders");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Seller sign in" })).toBeVisible();
  expect((await request.get("/api/dashboard/summary")).status()).toBe(401);
  expect((await request.get("/api/dashboard/orders/export")).status()).toBe(401);
});

test("a wrong password is refused with a generic message", async ({ page }) => {
  const d = new Dashboard(page);
  await d.signIn(OWNER.email, "not-the-password");
  await expect(d.loginError()).toHaveText("Wrong email or password");
  await d.signIn("nobody@duka.test", "whatever-123");
  await expect(d.loginError()).toHaveText("Wrong email or password");
  await expect(page).toHaveURL(/\/login/);
});

test("the owner signs in and out", async ({ page }) => {
  const d = new Dashboard(page);
  await d.signInOk(OWNER.email, OWNER.password);
  await new Dashboard(page).openMore();
  await expect(page.getByRole("link", { name: "Staff" })).toBeVisible();
  await d.signOut();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("signing out ends the session: a copy of its cookie no longer opens the dashboard", async ({
  page,
  context,
}) => {
  const d = new Dashboard(page);
  await d.signInOk(OWNER.email, OWNER.password);
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.includes("session-token"))).toBe(true);
  await d.signOut();
  await context.addCookies(copied);
  await page.goto("/dashboard/orders");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/dashboard/summary")).status()).toBe(401);
});

test("dashboard pages do not hand out a fresh session cookie (one racing a sign-out would undo it)", async ({
  page,
}) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  const res = await page.request.get("/dashboard/orders");
  expect(res.status()).toBe(200);
  expect(res.headers()["set-cookie"] ?? "").not.toContain("session-token");
});

test("after 5 failures the account is throttled, even with the right password", async ({ page }) => {
  const d = new Dashboard(page);
  for (let i = 0; i < 5; i++) {
    await d.signIn("locked@duka.test", `wrong-${i}`);
    await expect(d.loginError()).toHaveText("Wrong email or password");
  }
  await d.signIn("locked@duka.test", "locked-password-1");
  await expect(d.loginError()).toHaveText(
    'Too many attempts: try again in 15 minutes, or choose a new password with "Forgot password?"',
  );
  // Another account is unaffected.
  await d.signInOk(STAFF.email, STAFF.password);
});

test("staff see orders and products but cannot edit products or manage staff", async ({ page }) => {
  const d = new Dashboard(page);
  await d.signInOk(STAFF.email, STAFF.password);
  await expect(page.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await page.getByRole("link", { name: "Products" }).click();
  await expect(page.getByTestId("product-row").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New product" })).toHaveCount(0);
  await page.goto("/dashboard/products/new");
  await expect(page.getByRole("alert").filter({ hasText: "Owner only" })).toContainText(
    "Only the shop owner can add products",
  );
  await page.goto("/dashboard/staff");
  await expect(page.getByRole("alert").filter({ hasText: "Owner only" })).toContainText(
    "Only the shop owner can manage staff",
  );
});

test("the owner edits a product with field errors shown next to the fields", async ({ page }) => {
  const d = new Dashboard(page);
  await d.signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/products");
  await page.getByRole("link", { name: /^Edit/ }).first().click();
  await page.getByLabel("Price (KES)").fill("abc");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByLabel("Price (KES)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-priceKes-error")).toHaveText(
    "Enter the price in whole shillings, e.g. 1,200",
  );
  await page.getByLabel("Price (KES)").fill("999");
  await page.getByLabel("Stock", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved/ })).toBeVisible();
  await page.goto("/dashboard/products");
  await expect(page.getByTestId("product-row").filter({ hasText: "KES 999" }).first()).toContainText(
    "Only 2 left",
  );
});

test("the owner creates a staff account, which can then sign in", async ({ page }) => {
  const d = new Dashboard(page);
  await d.signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/staff");
  await page.getByLabel("Name", { exact: true }).fill("Neema");
  await page.getByLabel("Email", { exact: true }).fill("neema@duka.test");
  await page.getByLabel("Password", { exact: true }).fill("neema-password-1");
  await page.getByRole("button", { name: "Create staff account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created an account for Neema" })).toBeVisible();
  await d.signOut();
  await d.signInOk("neema@duka.test", "neema-password-1");
});
