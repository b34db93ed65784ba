// Finds a Chromium for Playwright: Playwright's own if installed, else Debian's /usr/bin/chromium, else
// installs Debian's package with apt (never Playwright's download: our machines only reach npm and apt).
// Prints one line saying what it used, and the executable path on the last line ("" = Playwright's own).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const DEBIAN = "/usr/bin/chromium";
const own = () => {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
};
const tryRun = (cmd) => {
  try {
    execSync(cmd, { stdio: ["ignore", "ignore", "inherit"], timeout: 15 * 60_000 });
    return true;
  } catch {
    return false;
  }
};
const sudo = process.getuid?.() === 0 ? "" : "sudo ";

export function findBrowser() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH))
    return { path: process.env.CHROMIUM_PATH, how: "CHROMIUM_PATH" };
  if (own()) return { path: "", how: "Playwright's own Chromium" };
  if (existsSync(DEBIAN)) return { path: DEBIAN, how: `Debian's chromium at ${DEBIAN}` };
  if (
    tryRun(
      `${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq chromium`,
    ) &&
    existsSync(DEBIAN)
  )
    return { path: DEBIAN, how: `Debian's chromium, just installed with apt, at ${DEBIAN}` };
  throw new Error("no Chromium found or installable: set CHROMIUM_PATH to a Chromium executable");
}
