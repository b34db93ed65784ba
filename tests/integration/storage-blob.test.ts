import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/emulator";
import { resetShop } from "./support/database";

// The real @vercel/blob SDK, pointed at the emulator's stand-in for Blob's HTTP API.
const TOKEN = vi.hoisted(() => {
  const token = "vercel_blob_rw_DukaTestStore_s3cr3tS3cr3t";
  process.env.BLOB_READ_WRITE_TOKEN = token;
  process.env.VERCEL_BLOB_RETRIES = "0";
  return token;
});
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => ({ id: "o", email: "o@d.test", name: "Owner", role: "OWNER" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
const { head, put, copy, list, BlobNotFoundError, BlobAccessError } = await import("@vercel/blob");
const { prisma } = await import("@/lib/db");
const { saveProduct } = await import("@/lib/dashboard/product-actions");
const { blobImageStore } = await import("@/lib/storage/blob-store");
const { imageStore } = await import("@/lib/storage");

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const WEBP = new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 ");
let emulator: EmulatorHandle;

/** A Blob put over plain HTTP on the given agent; rejects when the connection dies or nothing answers in 5 s. */
function putOn(agent: Agent, pathname: string, body: Buffer) {
  return new Promise<{ status: number; body: unknown; reusedSocket: boolean }>((resolve, reject) => {
    const req = request(
      `${emulator.url}/blob-api/?pathname=${encodeURIComponent(pathname)}`,
      { method: "PUT", agent, headers: { authorization: `Bearer ${TOKEN}` } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), reusedSocket: req.reusedSocket }),
        );
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error("no answer on the connection")));
    req.on("error", reject);
    req.end(body);
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
  process.env.VERCEL_BLOB_API_URL = `${emulator.url}/blob-api`;
  await resetShop();
});
afterAll(async () => {
  delete process.env.VERCEL_BLOB_API_URL;
  await emulator.stop();
});

describe("Vercel Blob image store", () => {
  it("is the store in use when BLOB_READ_WRITE_TOKEN is set", () => {
    expect(imageStore().kind).toBe("blob");
  });

  it("uploads a public image with its real type and deletes it again", async () => {
    const store = blobImageStore(TOKEN);
    const url = await store.save({ bytes: PNG, contentType: "image/png", extension: "png" });
    expect(url).toMatch(
      /^https:\/\/dukateststore\.public\.blob\.vercel-storage\.com\/products\/[0-9a-f-]{36}\.png$/,
    );
    const stored = await head(url, { token: TOKEN });
    expect(stored).toMatchObject({ size: PNG.length, contentType: "image/png" });
    expect(stored.cacheControl).toContain("max-age=31536000");

    await store.remove(url);
    await expect(head(url, { token: TOKEN })).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it("leaves URLs it did not make alone", async () => {
    const store = blobImageStore(TOKEN);
    await expect(store.remove("/products/kiondo-bag.svg")).resolves.toBeUndefined();
    await expect(store.remove("https://example.com/x.png")).resolves.toBeUndefined();
  });

  it("surfaces a refused token as the SDK's access error", async () => {
    const store = blobImageStore("not-a-blob-token");
    await expect(
      store.save({ bytes: PNG, contentType: "image/png", extension: "png" }),
    ).rejects.toBeInstanceOf(BlobAccessError);
  });

  it("stores a product photo through the dashboard and deletes the one it replaces", async () => {
    const categoryId = (await prisma.category.findFirstOrThrow()).id;
    const form = (image: File, id?: string) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({
        name: "Blob shuka",
        slug: "blob-shuka",
        description: "A shuka whose photo lives in Blob",
        priceKes: "900",
        stock: "2",
        categoryId,
        ...(id ? { id } : {}),
      }))
        f.set(k, v);
      f.set("image", image);
      return f;
    };
    expect(await saveProduct(null, form(new File([PNG], "a.png")))).toMatchObject({ ok: true });
    const first = await prisma.product.findUniqueOrThrow({ where: { slug: "blob-shuka" } });
    await expect(head(first.imageUrl, { token: TOKEN })).resolves.toMatchObject({ contentType: "image/png" });

    expect(await saveProduct(null, form(new File([WEBP], "b.webp"), first.id))).toMatchObject({ ok: true });
    const second = await prisma.product.findUniqueOrThrow({ where: { slug: "blob-shuka" } });
    expect(second.imageUrl).toMatch(/\.webp$/);
    await expect(head(second.imageUrl, { token: TOKEN })).resolves.toMatchObject({
      contentType: "image/webp",
    });
    await expect(head(first.imageUrl, { token: TOKEN })).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});

describe("the Blob stand-in behaves like Vercel Blob for the real SDK", () => {
  it("copy copies the bytes; addRandomSuffix adds one; the content type comes from the pathname", async () => {
    const original = await put("docs/note.txt", "hello blob", { access: "public", token: TOKEN });
    expect((await head(original.url, { token: TOKEN })).contentType).toBe("text/plain");
    const copied = await copy(original.url, "docs/copy.txt", { access: "public", token: TOKEN });
    expect(await head(copied.url, { token: TOKEN })).toMatchObject({ size: 10, contentType: "text/plain" });
    const suffixed = await put("docs/photo.png", Buffer.from(PNG), {
      access: "public",
      token: TOKEN,
      addRandomSuffix: true,
    });
    expect(suffixed.pathname).toMatch(/^docs\/photo-[A-Za-z0-9]{20}\.png$/);
    expect(suffixed.contentType).toBe("image/png");
  });

  it("lists a store's blobs by prefix, a page at a time", async () => {
    for (const name of ["a", "b", "c"])
      await put(`listed/${name}.txt`, name, { access: "public", token: TOKEN });
    const first = await list({ prefix: "listed/", limit: 2, token: TOKEN });
    expect(first.blobs.map((b) => b.pathname)).toEqual(["listed/a.txt", "listed/b.txt"]);
    expect(first.hasMore).toBe(true);
    const rest = await list({ prefix: "listed/", cursor: first.cursor, token: TOKEN });
    expect(rest.blobs.map((b) => b.pathname)).toEqual(["listed/c.txt"]);
  });

  it("refuses an upload over 5 MB with Blob's message", async () => {
    await expect(
      put("big.bin", Buffer.alloc(5 * 1024 * 1024 + 1), { access: "public", token: TOKEN }),
    ).rejects.toThrow(/5MB/);
    const small = await put("after-big.txt", "ok", { access: "public", token: TOKEN });
    expect(small.pathname).toBe("after-big.txt");
  });

  it("reads an upload over 5 MB to its end, so the same keep-alive connection serves the next call", async () => {
    // One socket for both calls, as the SDK's keep-alive pool reuses it: the refusal must not leave it dead.
    // 8 MB: most of the body is still arriving when the refusal is answered.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = await putOn(agent, "too-big.bin", Buffer.alloc(8 * 1024 * 1024));
      expect(big).toMatchObject({
        status: 400,
        body: { error: { message: "the file length cannot be greater than 5MB" } },
      });
      const next = await putOn(agent, "after-too-big.txt", Buffer.from("ok"));
      expect(next).toMatchObject({ status: 200, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  });
});
