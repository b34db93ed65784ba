import { localUploads } from "@/lib/storage";

/** Product images uploaded from the dashboard to the local folder (public, like the rest of the catalogue). */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const image = await localUploads().read((await params).file);
  if (!image) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.type,
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
