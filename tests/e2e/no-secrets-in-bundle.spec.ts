import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// What a browser can fetch from a build: the static assets, and the prerendered pages and RSC payloads.
const NEXT_DIR = path.resolve(".next");
const PUBLIC_OUTPUT = [/^static\//, /^server\/(app|pages)\/.*\.(html|rsc|body|meta|json)$/];

function publicFiles(dir = NEXT_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "cache" ? [] : publicFiles(full);
    const rel = path.relative(NEXT_DIR, full).split(path.sep).join("/");
    return PUBLIC_OUTPUT.some((p) => p.test(rel)) ? [full] : [];
  });
}

/**
 * Values that must never reach a browser: the canary secrets scripts/e2e.mjs set for the build, and the
 * literals lib/env.ts compiles into server code (any client import of lib/env would ship them).
 */
function secrets(): Record<string, string> {
  const found: Record<string, string> = JSON.parse(process.env.DUKA_BUILD_CANARIES ?? "{}");
  // Read from the source rather than imported: importing lib/env would validate this process's env.
  const envSource = readFileSync(path.resolve("lib/env.ts"), "utf8");
  const defaults = [...envSource.matchAll(/const (\w*(?:SECRET|PASSKEY|PASSWORD)\w*) = "([^"]{6,})"/g)];
  expect(defaults.length, "default secrets found in lib/env.ts").toBeGreaterThanOrEqual(3);
  for (const [, name, value] of defaults) found[`lib/env ${name}`] = value!;
  found["lib/db embedded DATABASE_URL"] = "postgres:postgres@127.0.0.1";
  const dbPassword = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).password : "";
  if (dbPassword.length >= 6) found["DATABASE_URL password"] = decodeURIComponent(dbPassword);
  return found;
}

test("no secret value is in the client bundle or prerendered pages", () => {
  // The server under test is `next start`, so a build exists; this only makes a missing one say so plainly.
  expect(
    existsSync(path.join(NEXT_DIR, "BUILD_ID")),
    "needs a production build (npm run test:e2e builds one)",
  ).toBe(true);
  const files = publicFiles();
  expect(files.filter((f) => f.includes(`${path.sep}static${path.sep}`)).length).toBeGreaterThan(10);

  const leaks: string[] = [];
  const values = Object.entries(secrets());
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    for (const [name, value] of values)
      if (text.includes(value)) leaks.push(`${name} in ${path.relative(NEXT_DIR, file)}`);
  }
  expect(leaks).toEqual([]);
});

test("server code, build metadata and env files are not served", async ({ request }) => {
  const serverChunk = readdirSync(path.join(NEXT_DIR, "server", "app")).find((f) => f.endsWith(".js"));
  const paths = [
    "/.env",
    "/.env.example",
    "/.next/BUILD_ID",
    "/.next/server/app/page.js",
    "/_next/server/app/page.js",
    `/_next/static/..%2Fserver%2Fapp%2F${serverChunk ?? "page.js"}`,
    "/_next/static/../server/app/page.js",
    "/_next/required-server-files.json",
    "/prisma/schema.prisma",
    "/lib/env.ts",
  ];
  for (const p of paths) {
    const response = await request.get(p, { maxRedirects: 0 });
    expect(response.status(), p).not.toBe(200);
  }
});
