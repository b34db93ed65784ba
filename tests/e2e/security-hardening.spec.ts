import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { OWNER, resetShop } from "./support/database";
import { Dashboard } from "./support/dashboard";
import { E2E } from "./support/e2e-env";

test.beforeAll(resetShop);

test("a malformed percent-encoded path answers 400 with the security headers, not a bare 500", async ({
  request,
}) => {
  for (const path of ["/products/%E0%A4%A", "/api/orders/%E0%A4%A", "/categories/%ZZ", "/api/uploads/%C0"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toMatch(/default-src 'self'/);
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
  }
});

test("scripts run by nonce: no 'unsafe-inline' in script-src, a fresh nonce per page", async ({ page }) => {
  const first = await page.goto("/");
  const second = await page.goto("/cart");
  const policies = [first!, second!].map((r) => r.headers()["content-security-policy"]!);
  for (const policy of policies) {
    const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  }
  expect(policies[0]).not.toBe(policies[1]);
  // Hydrated: the cart page's client code answers, so Next's own scripts carried the nonce.
  await expect(page.getByRole("heading", { name: /cart/i })).toBeVisible();
  // An inline script that got into the served HTML (what an XSS would be) carries no nonce: it does not run,
  // while the page's own scripts still do.
  await page.route("**/search?q=injected", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      "<script>window.injectedRan = true</script></body>",
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto("/search?q=injected");
  await expect(page.getByRole("searchbox").first()).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan),
  ).toBeUndefined();
});

for (const nodeEnv of ["production", "test", "development"] as const) {
  test(`next start with NODE_ENV=${nodeEnv} refuses to start without AUTH_SECRET and CRON_SECRET, naming them`, async () => {
    test.setTimeout(60_000);
    // The harness's own variables are gone, as on a server someone started by hand.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...E2E.serverEnv,
      NODE_ENV: nodeEnv,
      DATABASE_URL: E2E.databaseUrl,
    };
    delete env.AUTH_SECRET;
    delete env.CRON_SECRET;
    delete env.DUKA_DEV_DEFAULTS;
    const child = spawn("npx", ["next", "start", "-p", String(E2E.appPort + 57)], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, 45_000);
      child.on("exit", (c: number | null) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code, output).not.toBe(0);
    expect(code, output).not.toBeNull();
    expect(output).toMatch(/AUTH_SECRET: required/);
    expect(output).toMatch(/CRON_SECRET: required/);
  });
}

function jpeg(bytes: number): Buffer {
  const image = Buffer.alloc(bytes, 0);
  image.set([0xff, 0xd8, 0xff, 0xe0]);
  return image;
}

test("product photos between 1 and 4 MB save; a bigger one gets an error next to the field", async ({
  page,
}) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  await page.goto("/dashboard/products");
  await page.getByRole("link", { name: /^Edit/ }).first().click();
  const photo = page.getByLabel("Photo");
  await photo.setInputFiles({ name: "big.jpg", mimeType: "image/jpeg", buffer: jpeg(4_600_000) });
  await expect(photo).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#image-error")).toContainText("choose one of 4 MB or smaller");

  await photo.setInputFiles({ name: "ok.jpg", mimeType: "image/jpeg", buffer: jpeg(3_500_000) });
  await expect(page.locator("#image-error")).toHaveText("");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByText(/^Saved /)).toBeVisible();
});
