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
  // Pages rendered per request (home, category and product pages are served from cache, under hashes).
  const first = await page.goto("/search?q=kikoy");
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
  await expect(page.locator("#field-image-error")).toContainText("choose one of 4 MB or smaller");

  await photo.setInputFiles({ name: "ok.jpg", mimeType: "image/jpeg", buffer: jpeg(3_500_000) });
  await expect(photo).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-image-error")).toHaveCount(0);
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByText(/^Saved /)).toBeVisible();
});

test("the 404 page hydrates with no CSP violation", async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto("/no-such-page-anywhere");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  // Next's client runtime ran (it announces itself on window.next), so its scripts were allowed.
  await expect
    .poll(() =>
      page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version),
    )
    .toBe("string");
  // Hydrated: the link navigates on the client, without a new document.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page.getByRole("link", { name: "Back to the shop" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual(
    [],
  );
});

test("server action posts from another site answer 403, over 4.5 MB 413: never a 500", async ({
  request,
}) => {
  const action = { "next-action": "7f".repeat(21), "content-type": "text/plain;charset=UTF-8" };
  // The pages served from cache included: their GETs skip proxy.ts, their server actions do not.
  for (const path of ["/cart", "/", "/login/forgot", "/categories/pantry"]) {
    const cross = await request.post(path, {
      headers: { ...action, origin: "https://evil.example" },
      data: "[]",
    });
    expect(cross.status(), path).toBe(403);
  }
  const big = await request.post("/dashboard/products", {
    headers: { ...action, origin: E2E.appUrl },
    data: Buffer.alloc(5 * 1024 * 1024, 97),
  });
  expect(big.status()).toBe(413);
  expect(await big.text()).toMatch(/4\.5 MB/);
});

test("a malformed order reference in the dashboard answers 404", async ({ page }) => {
  await new Dashboard(page).signInOk(OWNER.email, OWNER.password);
  const response = await page.goto("/dashboard/orders/%25E0%25A4%25A");
  expect(response!.status()).toBe(404);
});

test("a page served from cache runs only its own inline scripts: an injected one is refused", async ({
  page,
}) => {
  const response = await page.goto("/");
  const scriptSrc = response!
    .headers()
    ["content-security-policy"]!.split(";")
    .find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toMatch(/unsafe-inline|nonce-/);
  expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/=]{44}'/);
  await page.route("**/categories/pantry", async (route) => {
    if (route.request().resourceType() !== "document") return route.fallback();
    const served = await route.fetch();
    const html = (await served.text()).replace(
      "</body>",
      "<script>window.injectedRan = true</script></body>",
    );
    await route.fulfill({ response: served, body: html });
  });
  await page.goto("/categories/pantry");
  // Hydrated (the header's cart count is filled in by client code) while the injected script did not run.
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  expect(
    await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan),
  ).toBeUndefined();
});
