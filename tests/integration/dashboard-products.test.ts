import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetShop } from "./support/database";

const dir = vi.hoisted(() => {
  const d = `${process.env.TMPDIR ?? "/tmp"}/duka-uploads-${process.pid}`;
  process.env.UPLOAD_DIR = d;
  delete process.env.BLOB_READ_WRITE_TOKEN;
  return d;
});
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => ({ id: "o", email: "o@d.test", name: "Owner", role: "OWNER" }),
}));
const revalidateTag = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag }));
const { prisma } = await import("@/lib/db");
const stockOf = async (productId: string) =>
  (await prisma.productVariant.aggregate({ where: { productId }, _sum: { stock: true } }))._sum.stock ?? 0;
const { saveProduct, setProductArchived } = await import("@/lib/dashboard/product-actions");
const { saveVariants } = await import("@/lib/dashboard/variant-actions");
const { GET: serveUpload } = await import("@/app/api/uploads/[file]/route");

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
let categoryId: string;

beforeAll(async () => {
  await resetShop();
  categoryId = (await prisma.category.findFirstOrThrow()).id;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function productForm(image: File, fields: Record<string, string> = {}) {
  const f = new FormData();
  for (const [k, v] of Object.entries({
    name: "Maasai shuka",
    slug: "duka-test-shuka",
    description: "A warm red checked shuka",
    priceKes: "1200",
    stock: "4",
    categoryId,
    ...fields,
  }))
    f.set(k, v);
  f.set("image", image);
  return f;
}

const storedFiles = () => readdir(dir).catch(() => [] as string[]);
const shuka = () => prisma.product.findUniqueOrThrow({ where: { slug: "duka-test-shuka" } });

describe("product image upload", () => {
  it("stores a real image under UPLOAD_DIR and serves it", async () => {
    revalidateTag.mockClear();
    const r = await saveProduct(null, productForm(new File([PNG], "shuka.png", { type: "image/png" })));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    // The storefront's cached pages (home, category, product data) are rendered afresh on the next visit.
    expect(revalidateTag).toHaveBeenCalledWith("catalog", { expire: 0 });
    const product = await shuka();
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

  it.each([
    [
      "an SVG named .png",
      new File(["<svg onload=alert(1)>"], "x.png", { type: "image/png" }),
      "Upload a JPEG, PNG or WebP image",
    ],
    [
      "a text file",
      new File(["hello"], "notes.txt", { type: "text/plain" }),
      "Upload a JPEG, PNG or WebP image",
    ],
    ["an empty file", new File([], "empty.jpg", { type: "image/jpeg" }), "The file is empty: choose a photo"],
    [
      "a file over 4 MB",
      new File([PNG, new Uint8Array(4 * 1024 * 1024)], "big.png", { type: "image/png" }),
      "The image must be 4 MB or smaller",
    ],
  ])(
    "refuses %s with a field error, leaving the product and the folder unchanged",
    async (_, file, error) => {
      const before = await shuka();
      const filesBefore = await storedFiles();
      const r = await saveProduct(null, productForm(file, { id: before.id, name: "Renamed shuka" }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { image: [error] } });
      expect(await shuka()).toEqual(before);
      expect(await storedFiles()).toEqual(filesBefore);
    },
  );

  it("keeps no file behind when the database refuses the product", async () => {
    const filesBefore = await storedFiles();
    const r = await saveProduct(null, productForm(new File([JPEG], "dup.jpg"), { name: "Another shuka" }));
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { slug: ["Another product already uses this web address"] },
    });
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it("deletes the old photo when it is replaced, and the new one when the product is archived", async () => {
    const before = await shuka();
    const oldName = before.imageUrl.split("/").pop()!;
    const r = await saveProduct(null, productForm(new File([JPEG], "new.jpg"), { id: before.id }));
    expect(r).toMatchObject({ ok: true });
    const after = await shuka();
    expect(after.imageUrl).toMatch(/\.jpg$/);
    const newName = after.imageUrl.split("/").pop()!;
    expect(await storedFiles()).toEqual([newName]);
    expect(oldName).not.toBe(newName);

    const archive = new FormData();
    archive.set("id", before.id);
    archive.set("archived", "true");
    expect(await setProductArchived(null, archive)).toMatchObject({ ok: true });
    expect(await storedFiles()).toEqual([]);
    expect(await shuka()).toMatchObject({ active: false, imageUrl: "/products/no-photo.svg" });
  });

  it("never deletes a seeded image that is not an upload", async () => {
    const seeded = await prisma.product.findFirstOrThrow({
      where: { imageUrl: { startsWith: "/products/" }, active: true },
    });
    const r = await saveProduct(
      null,
      productForm(new File([PNG], "p.png"), {
        id: seeded.id,
        name: seeded.name,
        slug: seeded.slug,
        description: seeded.description,
        priceKes: String(seeded.priceKes),
        stock: String(await stockOf(seeded.id)),
        categoryId: seeded.categoryId,
      }),
    );
    expect(r).toMatchObject({ ok: true });
    await expect(readFile(path.join("public", seeded.imageUrl))).resolves.toBeTruthy();
  });
});

describe("variant editor", () => {
  it("saving a variant's stock and price clears the storefront's cached catalogue", async () => {
    const product = await shuka();
    const variant = await prisma.productVariant.findFirstOrThrow({ where: { productId: product.id } });
    const form = new FormData();
    form.set("productId", product.id);
    form.set(`${variant.id}.priceKes`, "1350");
    form.set(`${variant.id}.compareAtKes`, "");
    form.set(`${variant.id}.stock`, String(variant.stock + 5));
    form.set(`${variant.id}.stockSeen`, String(variant.stock));
    form.set(`${variant.id}.sku`, "");
    form.set(`${variant.id}.onSale`, "on");
    revalidateTag.mockClear();
    const r = await saveVariants(null, form);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(revalidateTag).toHaveBeenCalledWith("catalog", { expire: 0 });
    const saved = await prisma.productVariant.findUniqueOrThrow({ where: { id: variant.id } });
    expect(saved).toMatchObject({ priceKes: 1350, stock: variant.stock + 5 });
  });
});
