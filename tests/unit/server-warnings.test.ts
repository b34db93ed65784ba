import { describe, expect, it } from "vitest";
import { newServerWarnings } from "../e2e/support/server-warnings";

describe("the e2e run's server-log check", () => {
  it("reports node and library warnings, not the known Prisma 6 one nor ordinary lines", () => {
    const log = [
      "[with-db] embedded PostgreSQL ready",
      "WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma.config.ts:",
      "(node:26983) DeprecationWarning: Calling client.query() when the client is already executing a query is deprecated",
      "(node:1) [DEP0040] DeprecationWarning: The `punycode` module is deprecated.",
      "⚠ Warning: Next.js inferred your workspace root",
      "[emulator] POST /mpesa/stkpush/v1/processrequest 200",
    ].join("\n");
    expect(newServerWarnings(log)).toEqual([
      "(node:26983) DeprecationWarning: Calling client.query() when the client is already executing a query is deprecated",
      "(node:1) [DEP0040] DeprecationWarning: The `punycode` module is deprecated.",
      "⚠ Warning: Next.js inferred your workspace root",
    ]);
  });
});
