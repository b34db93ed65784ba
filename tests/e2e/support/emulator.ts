import { type Page, expect } from "@playwright/test";
import { E2E } from "./e2e-env";

/** The Daraja emulator started beside the e2e server, driven over its control API and phone page. */
export const emulator = {
  async post(path: string, body: unknown = {}) {
    const res = await fetch(`${E2E.emulatorUrl}/__control/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  },
  async reset() {
    await this.post("reset");
  },
  async setOptions(options: Record<string, unknown>) {
    await this.post("options", options);
  },
  async ledger(
    phone?: string,
  ): Promise<{ entries: { state: string; resultCode?: string | number; amount: number }[] }> {
    const res = await fetch(`${E2E.emulatorUrl}/__control/ledger${phone ? `?phone=${phone}` : ""}`);
    return res.json();
  },
};

/** Opens the emulator's phone page for a number and answers its prompt with the given button. */
export async function answerOnPhone(
  page: Page,
  msisdn: string,
  button: "Pay" | "Cancel" | "Wrong PIN" | "Insufficient funds" | "Ignore",
) {
  await page.goto(`${E2E.emulatorUrl}/phone?phone=${msisdn}`);
  await expect(page.getByText(/Pay KES [\d,]+ to DUKA\? Enter M-PESA PIN/)).toBeVisible();
  await page.getByRole("button", { name: button, exact: true }).first().click();
  await expect(page.getByText("Answer sent.")).toBeVisible();
}
