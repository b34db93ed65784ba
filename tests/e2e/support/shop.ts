import { type Page, expect } from "@playwright/test";

/** Page-object helpers for the storefront. */
export class Shop {
  constructor(private readonly page: Page) {}

  cartLink() {
    return this.page.getByRole("link", { name: /^Cart/ });
  }

  async expectCartCount(n: number) {
    await expect(this.page.getByTestId("cart-count")).toHaveText(String(n));
  }

  async addToCart(slug: string, quantity = 1) {
    await this.page.goto(`/products/${slug}`);
    await this.page.getByLabel("Quantity").fill(String(quantity));
    await this.page.getByRole("button", { name: "Add to cart" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: /Added|Only/ })).toBeVisible();
  }

  /** Picks a delivery option on the checkout page by its name, e.g. "Pick up at the shop" or "Nairobi CBD". */
  async chooseDelivery(name: string) {
    await this.page.getByRole("radio", { name: new RegExp(`^${name}`) }).check();
  }

  cartLine(name: string) {
    return this.page.getByTestId("cart-line").filter({ hasText: name });
  }

  async setCartQuantity(name: string, quantity: number) {
    const line = this.cartLine(name);
    await line.getByLabel(`Quantity of ${name}`).fill(String(quantity));
    await line.getByRole("button", { name: "Update" }).click();
  }
}
