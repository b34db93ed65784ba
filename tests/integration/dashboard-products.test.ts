import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetShop } from "./support/database";

const dir = vi.hoisted(() => {
  const d = `${process.env.TMPDIR ?? "/tmp"}/duka-uploads-${process.pid}`;
  process.env.UPLOAD_DIR = d;
  return d;
});
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => ({ id: "o", email: "o@d.test", name: "Owner", role: "OWNER" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const { prisma } = await import("@/lib/db");
const { saveProduct } = await import("@/lib/dashboard/product-actions");
const { GET: serveUpload } = await import("@/app/api/uploads/[file]/route");

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
let categoryId: string;

beforeAll(async () => {
  await resetShop();
  categoryId = (await prisma.category.findFirstOrThrow()).id;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function productForm(image: File) {
  const f = new FormData();
  for (const [k, v] of Object.entries({
    name: "Maasai shuka",
    slug: "duka-test-shuka",
    description: "A warm red checked shuka",
    priceKes: "1200",
    stock: "4",
    categoryId,
  }))
    f.set(k, v);
  f.set("image", image);
  return f;
}

describe("product image upload", () => {
  it("stores a real image under UPLOAD_DIR and serves it", async () => {
    const r = await saveProduct(null, productForm(new File([PNG], "shuka.png", { type: "image/png" })));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    const product = await prisma.product.findUniqueOrThrow({ where: { slug: "duka-test-shuka" } });
    expect(product.imageUrl).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}\.png$/);
    const name = product.imageUrl.split("/").pop()!;
    expect(new Uint8Array(await readFile(path.join(dir, name)))).toEqual(PNG);
    const res = await serveUpload(new Request("http://x"), { params: Promise.resolve({ file: name }) });
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(
      (
        await serveUpload(new Request("http://x"), {
          params: Promise.resolve({ file: "../../package.json" }),
        })
      ).status,
    ).toBe(404);
  });

  it("refuses a file that is not an image whatever its claimed type, and one too large", async () => {
    const svg = new File(["<svg onload=alert(1)>"], "x.png", { type: "image/png" });
    const r = await saveProduct(null, productForm(svg));
    expect(r).toMatchObject({ ok: false, fieldErrors: { image: ["Upload a JPEG, PNG or WebP image"] } });
    const big = new File([PNG, new Uint8Array(2 * 1024 * 1024)], "big.png", { type: "image/png" });
    expect(await saveProduct(null, productForm(big))).toMatchObject({
      ok: false,
      fieldErrors: { image: ["The image must be 2 MB or smaller"] },
    });
  });
});
