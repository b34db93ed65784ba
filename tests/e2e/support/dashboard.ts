import { type Page, expect } from "@playwright/test";

/** Page-object helpers for the seller dashboard. */
export class Dashboard {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string) {
    await this.page.goto("/login");
    await this.page.getByLabel("Email", { exact: true }).fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async signInOk(email: string, password: string) {
    await this.signIn(email, password);
    await expect(this.page).toHaveURL(/\/dashboard$/);
    await expect(this.page.getByRole("heading", { name: "Overview" })).toBeVisible();
  }

  loginError() {
    return this.page.getByRole("alert").filter({ hasText: /\w/ });
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/login/);
    await expect(this.page.getByLabel("Email")).toBeVisible();
    // The action's answer clears the session cookie; wait for the browser to have applied it.
    await expect
      .poll(async () => (await this.page.context().cookies()).some((c) => c.name.includes("session-token")))
      .toBe(false);
  }

  /** On a phone the owner's settings sit behind "More" in the tab bar. */
  async openMore() {
    const more = this.page.getByTestId("tab-bar").getByText("More", { exact: true });
    if (await more.isVisible()) await more.click();
  }

  /** On a phone the order filters beyond search are folded behind one button. */
  async openOrderFilters() {
    const toggle = this.page.getByRole("button", { name: /^Filters/ });
    if (await toggle.isVisible()) await toggle.click();
  }

  orderRows() {
    return this.page.getByTestId("order-row");
  }
}
