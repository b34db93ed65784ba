import { type ChildProcess, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { OWNER, resetShop, withDb } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { E2E } from "./support/e2e-env";
import { emulator } from "./support/emulator";
import { layoutProblems, smallTapTargets } from "./support/layout";
import { Shop } from "./support/shop";

const PHONE_SIZE = { width: 360, height: 780 };

test.beforeAll(async () => {
  await resetShop();
  await withDb(async (db) => {
    const product = await db.product.findFirstOrThrow({
      where: { active: true },
      include: { variants: true },
    });
    const orders = [
      ["DK-PHONE1", "Wanjiku Njeri Wambui-Kamau", "PAID", 1_800],
      ["DK-PHONE2", "Kamau", "PENDING", 250_000],
      ["DK-PHONE3", "Achieng Otieno", "FAILED", 45],
    ] as const;
    for (const [reference, customerName, status, totalKes] of orders)
      await db.order.create({
        data: {
          publicId: `pub-${reference}-0001`,
          reference,
          customerName,
          phone: "254712345678",
          status,
          totalKes,
          reservedUntil: new Date(),
          paidAt: status === "PAID" ? new Date() : null,
          mpesaReceipt: status === "PAID" ? "TPHONE0001" : null,
          needsAttention: reference === "DK-PHONE1",
          events:
            reference === "DK-PHONE1"
              ? {
                  create: {
                    kind: "FLAGGED",
                    actor: "system",
                    flagKind: "LATE_PAYMENT",
                    note: "Payment received after the order expired.",
                  },
                }
              : undefined,
          items: {
            create: {
              productId: product.id,
              variantId: product.variants[0]!.id,
              name: product.name,
              unitPriceKes: totalKes,
              quantity: 1,
            },
          },
        },
      });
  });
});

/** `next start` from the same build on another port with other settings (same database and emulator). */
function startAnotherServer(
  port: number,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; stop: () => void } {
  let output = "";
  // Its own process group, so stopping it stops next-server too (not only the launcher).
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: { ...process.env, ...E2E.serverEnv, DATABASE_URL: E2E.databaseUrl, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // The whole group has exited already.
    }
  };
  return { child, output: () => output, stop };
}

test("the owner uploads a photo and shoppers see it in the shop", async ({ page }) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/products/new");
  await page.getByLabel("Name").fill("Sisal basket with photo");
  await page.getByLabel("Web address (slug)").fill("sisal-basket-photo");
  await page.getByLabel("Description").fill("Hand-woven sisal basket from Machakos");
  await page.getByLabel("Price (KES)").fill("1500");
  await page.getByLabel("Stock", { exact: true }).fill("3");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByLabel("Photo").setInputFiles("public/icons/dashboard-512.png");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Created Sisal basket with photo.")).toBeVisible();

  await page.goto("/products/sisal-basket-photo");
  const photo = page.getByRole("img", { name: "Sisal basket with photo" });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test("an SVG upload is refused next to the field", async ({ page }) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/products/new");
  await page.getByLabel("Photo").setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  });
  await page.getByLabel("Name").fill("Not a photo");
  await page.getByLabel("Web address (slug)").fill("not-a-photo");
  await page.getByLabel("Description").fill("This upload is an SVG in disguise");
  await page.getByLabel("Price (KES)").fill("100");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Upload a JPEG, PNG or WebP image", { exact: true })).toBeVisible();
});

test("the setup page is green on the local stack, and a KES 1 test payment is paid", async ({
  page,
  request,
}) => {
  const cron = await request.get("/api/cron/reconcile", {
    headers: { authorization: `Bearer ${E2E.serverEnv.CRON_SECRET}` },
  });
  expect(cron.status()).toBe(200);
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/setup");
  await expect(page.getByTestId("setup-summary")).toHaveText(
    "Everything a shopper's payment needs is in place.",
  );
  await expect(page.locator('[data-testid="setup-check"][data-status="problem"]')).toHaveCount(0);
  await expect(page.getByTestId("setup-check").filter({ hasText: "Daraja credentials" })).toHaveAttribute(
    "data-status",
    "ok",
  );

  await page.getByRole("button", { name: "Send a KES 1 test payment to my phone" }).click();
  await expect(page.getByText("Enter your M-Pesa phone number", { exact: true })).toBeVisible();
  await page.getByLabel("Your M-Pesa phone number").fill("0711 222 333");
  await page.getByRole("button", { name: "Send a KES 1 test payment to my phone" }).click();
  await expect(page.getByTestId("test-payment-result")).toHaveAttribute("data-state", "waiting");
  await expect.poll(async () => (await emulator.ledger("254711222333")).entries.length).toBe(1);
  expect((await emulator.ledger("254711222333")).entries[0]).toMatchObject({ amount: 1 });
  await emulator.post("pay", { target: "254711222333" });
  await expect(page.getByTestId("test-payment-result")).toHaveAttribute("data-state", "paid");
  await expect(page.getByTestId("test-payment-result")).toContainText("Your shop can take payments");

  // A test payment is not an order to fulfil: "All" lists it, marked Test; "Paid" leaves it out.
  await page.goto("/dashboard/orders?status=all");
  await expect(page.getByTestId("order-row").filter({ hasText: "(test)" })).toContainText("Test");
  await page.goto("/dashboard/orders?status=paid");
  await expect(
    page
      .getByTestId("orders-list")
      .or(page.getByText(/no orders/i))
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId("order-row").filter({ hasText: "(test)" })).toHaveCount(0);
});

test("the setup page is red for a callback URL Daraja filters", async ({ page }) => {
  const port = E2E.appPort + 7;
  const server = startAnotherServer(port, { PUBLIC_URL: `http://localhost:${port}/mpesa-shop` });
  try {
    await expect
      .poll(
        () =>
          fetch(`http://localhost:${port}/login`).then(
            (r) => r.status,
            () => 0,
          ),
        {
          timeout: 60_000,
        },
      )
      .toBe(200);
    expect(server.output()).toContain("PUBLIC_URL: the callback URL");
    await page.goto(`http://localhost:${port}/login`);
    await page.getByLabel("Email", { exact: true }).fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(`http://localhost:${port}/dashboard/setup`);
    const callback = page.getByTestId("setup-check").filter({ hasText: "Callback URL" });
    await expect(callback).toHaveAttribute("data-status", "problem");
    await expect(callback).toContainText('contains the word "mpesa"');
    await expect(callback).toContainText("Fix: Set PUBLIC_URL");
  } finally {
    server.stop();
  }
});

test("a real deployment with a localhost callback URL refuses to start, naming the variable", async () => {
  const server = startAnotherServer(E2E.appPort + 8, {
    MPESA_ENV: "sandbox",
    MPESA_CONSUMER_KEY: "key",
    MPESA_CONSUMER_SECRET: "secret",
    MPESA_SHORTCODE: "174379",
    MPESA_PASSKEY: "passkey",
    PUBLIC_URL: "http://localhost:3000",
  });
  try {
    const code = await new Promise<number | null>((resolve) => server.child.on("exit", resolve));
    expect(code).not.toBe(0);
  } finally {
    server.stop();
  }
  expect(server.output()).toMatch(
    /Duka refuses to start:\n\s+- PUBLIC_URL: the callback URL http:\/\/localhost:3000\/.* must be public/,
  );
});

test("every dashboard page fits a 360 px phone: no overlapping text, no sideways scroll, thumb-sized tap targets", async ({
  page,
}) => {
  await page.setViewportSize(PHONE_SIZE);
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  const productId = await withDb(async (db) => (await db.product.findFirstOrThrow()).id);
  for (const path of [
    "/dashboard",
    "/dashboard/orders?status=all",
    "/dashboard/orders/DK-PHONE1",
    "/dashboard/products",
    "/dashboard/products/new",
    `/dashboard/products/${productId}/edit`,
    `/dashboard/products/${productId}/variants`,
    "/dashboard/discounts",
    "/dashboard/discounts/new",
    "/dashboard/links",
    "/dashboard/blocked",
    "/dashboard/staff",
    "/dashboard/settings/notifications",
    "/dashboard/settings/delivery",
    "/dashboard/payments",
    "/dashboard/setup",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await layoutProblems(page), path).toEqual([]);
    expect.soft(await smallTapTargets(page), path).toEqual([]);
  }
  // Enough orders for a second page: its Previous link is a thumb-sized target too.
  await withDb((db) =>
    db.order.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        publicId: `pub-DK-PAGE${String(i).padStart(2, "0")}-0001`,
        reference: `DK-PAGE${String(i).padStart(2, "0")}`,
        customerName: "Page Filler",
        phone: "254712345678",
        status: "FAILED" as const,
        totalKes: 100,
        reservedUntil: new Date(),
      })),
    }),
  );
  await page.goto("/dashboard/orders?status=all&page=2");
  await expect(page.getByRole("link", { name: "← Previous" })).toBeVisible();
  expect(await smallTapTargets(page)).toEqual([]);
  await page.screenshot({ path: "test-results/orders-page-2-360.png", fullPage: true });
  await withDb((db) => db.order.deleteMany({ where: { reference: { startsWith: "DK-PAGE" } } }));
  // The zone form's 47 counties, opened: each county's whole row is a thumb-sized target.
  await page.goto("/dashboard/settings/delivery");
  const zone = page.getByRole("form", { name: "Add a zone" });
  await zone.getByText(/Counties covered/).click();
  await expect(zone.getByLabel("Elgeyo-Marakwet")).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  expect(await smallTapTargets(page)).toEqual([]);
  await zone.locator("details").screenshot({ path: "test-results/zone-counties-360.png" });
  await page.goto("/dashboard/orders");
  await page.screenshot({ path: "test-results/orders-360.png", fullPage: true });
  await expect(page.getByLabel("Fulfilment")).toBeHidden();
  await page.getByRole("button", { name: "Filters", exact: true }).click();
  await expect(page.getByLabel("Fulfilment")).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await page.goto("/dashboard/orders?fulfilment=unfulfilled");
  await expect(page.getByRole("button", { name: "Hide filters" })).toBeVisible();
  await expect(page.getByLabel("Fulfilment")).toHaveValue("unfulfilled");
});

test("the dashboard can be added to the home screen", async ({ page, request }) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({ start_url: "/dashboard", display: "standalone" });
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
});

test("the shop opened at 127.0.0.1 hydrates: add to cart updates the count without a reload", async ({
  page,
}) => {
  await page.goto(`http://127.0.0.1:${E2E.appPort}/products/kiondo-bag`);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await new Shop(page).expectCartCount(1);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
});
