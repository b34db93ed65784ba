// The customer's phone page (/phone): a handset that shows prompts and pays by hand.
import { readFileSync } from "node:fs";

let cached: string | null = null;

function asset(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

/** One self-contained page: the handset needs no build step and no framework. */
export function phonePageHtml(): string {
  cached ??= asset("phone.html")
    .replace("/*STYLE*/", () => asset("phone.css"))
    .replace("/*SCRIPT*/", () => asset("phone.js"));
  return cached;
}
