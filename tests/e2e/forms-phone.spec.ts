import { type Page, expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { layoutProblems } from "./support/layout";
import { Shop } from "./support/shop";

// Every form on one pattern (components/ui/action-form.tsx): after a refused submit, what was typed stays,
// an error summary at the top links to each field at fault, and focus moves to it. On a 360 px phone.
test.use({ viewport: { width: 360, height: 740 } });
test.beforeAll(resetShop);
test.beforeEach(() => withDb((db) => db.rateLimitCounter.deleteMany()));

async function expectSummaryFocused(page: Page, links: (string | RegExp)[]) {
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  for (const link of links) await expect(summary.getByRole("link", { name: link })).toBeVisible();
  return summary;
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
  await page.getByRole("button", { name: "Create product" }).click();

  await expectSummaryFocused(page, ["Description: Describe the product in at least 10 characters"]);
  await shot(page, "product-refused");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Sisal Kikapu Tote");
  await expect(page.getByLabel("Web address (slug)")).toHaveValue("sisal-kikapu-tote");
  await expect(page.getByLabel("Price (KES)")).toHaveValue("KES 1,200");
  await expect(page.getByLabel("Category")).not.toHaveValue("");
  const files = await page.getByLabel("Photo").evaluate((el: HTMLInputElement) => el.files?.length ?? 0);
  expect(files).toBe(1);

  await page.getByLabel("Description").fill("Hand-woven sisal kiondo with leather straps");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Created Sisal Kikapu Tote.")).toBeVisible();
  const saved = await withDb((db) => db.product.findUnique({ where: { slug: "sisal-kikapu-tote" } }));
  expect(saved?.priceKes).toBe(1200);

  // The same name again: the made-up web address is numbered, never refused.
  await page.getByLabel("Name", { exact: true }).fill("Sisal Kikapu Tote");
  await page.getByLabel("Description").fill("A second kiondo in another colour");
  await page.getByLabel("Price (KES)").fill("1,300");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByLabel("Photo").setInputFiles("public/icons/dashboard-512.png");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Created Sisal Kikapu Tote.")).toBeVisible();
  expect(await withDb((db) => db.product.count({ where: { slug: "sisal-kikapu-tote-2" } }))).toBe(1);

  // A web address typed by the seller that another product has is refused next to the field.
  await page.getByLabel("Name", { exact: true }).fill("Kikapu third");
  await page.getByLabel("Web address (slug)").fill("sisal-kikapu-tote");
  await page.getByLabel("Description").fill("A third kiondo in yet another colour");
  await page.getByLabel("Price (KES)").fill("1300");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByLabel("Photo").setInputFiles("public/icons/dashboard-512.png");
  await page.getByRole("button", { name: "Create product" }).click();
  await expectSummaryFocused(page, [/Web address \(slug\): Another product already uses this web address/]);
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
