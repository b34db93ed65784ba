import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layer rules (docs/ and README "Layout"): each part may only reach the parts below it.
const forbid = (...groups) => ["error", { patterns: groups }];
const ourCode = (...dirs) => dirs.flatMap((d) => [`@/${d}`, `@/${d}/**`]);

const layers = [
  {
    // The emulator stands for Safaricom: sharing code with our client would let one misreading hide in both.
    files: ["emulator/**"],
    rules: {
      "no-restricted-imports": forbid(
        {
          group: [...ourCode("lib", "app", "components"), "next", "next/**", "@prisma/**"],
          message: "emulator/ imports nothing from the app: it is written from docs/daraja.md alone.",
        },
        {
          // Relative paths out of emulator/ (its own subfolders may import each other).
          regex: "^(\\.\\./)+(lib|app|components|auth|proxy)(/|$)",
          message: "emulator/ imports nothing from the app: it is written from docs/daraja.md alone.",
        },
      ),
    },
  },
  {
    files: ["lib/daraja/**"],
    rules: {
      "no-restricted-imports": forbid({
        group: [
          ...ourCode("lib/db", "lib/generated", "lib/payments", "lib/env", "app", "components"),
          // Nothing of ours outside the folder, by any path.
          "../*",
          "next",
          "next/**",
          "@prisma/**",
          "server-only",
        ],
        message: "lib/daraja owns Daraja's wire format only: no database, no Next.js, no payment rules.",
      }),
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": forbid(
        {
          group: [...ourCode("lib/db", "lib/generated/prisma/client"), "@prisma/**"],
          allowTypeImports: true,
          message: "Pages, routes and components reach the database only through lib/ modules.",
        },
        {
          regex: "^(\\.\\./)+lib/(db|generated/prisma/client)$",
          allowTypeImports: true,
          message: "Pages, routes and components reach the database only through lib/ modules.",
        },
      ),
    },
  },
  {
    // Payment statuses are written by lib/payments/core alone (tests/unit/payments/status-writes.test.ts).
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["lib/payments/core/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ImportDeclaration[source.value=/status-write$/], ImportExpression[source.value=/status-write$/]",
          message: "Only lib/payments/core writes a payment status: call payOrder or the state machine.",
        },
      ],
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  ...layers,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];
export default config;
