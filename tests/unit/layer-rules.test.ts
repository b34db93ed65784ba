import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", { timeout: 60_000 }, () => {
  it.each([
    ["emulator/x.ts", 'import { parseCallback } from "../lib/daraja";\nexport const x = parseCallback;'],
    ["emulator/x.ts", 'import { prisma } from "@/lib/db";\nexport const x = prisma;'],
    ["lib/daraja/x.ts", 'import { prisma } from "@/lib/db";\nexport const x = prisma;'],
    ["lib/daraja/x.ts", 'import { env } from "../env";\nexport const x = env;'],
    ["lib/daraja/x.ts", 'import { headers } from "next/headers";\nexport const x = headers;'],
    [
      "lib/daraja/x.ts",
      'import { retryRule } from "@/lib/payments/stk/retry-rule";\nexport const x = retryRule;',
    ],
    ["app/x/page.tsx", 'import { prisma } from "@/lib/db";\nexport const x = prisma;'],
    ["components/x.tsx", 'import { prisma } from "@/lib/db";\nexport const x = prisma;'],
  ])("refuses in %s: %s", async (file, source) => {
    expect(await importErrors(file, source)).toHaveLength(1);
  });

  it("allows each layer what it is for", async () => {
    expect(
      await importErrors(
        "emulator/inbox/x.ts",
        'import { sendJson } from "../http-io";\nexport const x = sendJson;',
      ),
    ).toEqual([]);
    expect(await importErrors("lib/daraja/x.ts", 'import { z } from "zod";\nexport const x = z;')).toEqual(
      [],
    );
    expect(
      await importErrors("lib/payments/x.ts", 'import { prisma } from "@/lib/db";\nexport const x = prisma;'),
    ).toEqual([]);
    expect(
      await importErrors(
        "app/x/page.tsx",
        'import { getOrderView } from "@/lib/orders/order-view";\nexport const x = getOrderView;',
      ),
    ).toEqual([]);
  });
});
