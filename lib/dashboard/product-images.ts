import "server-only";
import { checkImage, type CheckedImage, imageStore } from "@/lib/storage";

type Upload =
  | { ok: true; image: CheckedImage; store: () => Promise<string> }
  | { ok: true; image: null }
  | { ok: false; error: string };

/**
 * Reads the product form's photo field. With no photo chosen the field still arrives as an empty file,
 * named "" or "blob" depending on how it was posted; an empty file with a real file name (x.jpg) was
 * chosen by the seller and is refused like any other bad file.
 */
export async function productImageUpload(
  field: FormDataEntryValue | null,
  { required }: { required: boolean },
): Promise<Upload> {
  const chosen = field instanceof File && (field.size > 0 || /\.\w+$/.test(field.name));
  if (!chosen)
    return required ? { ok: false, error: "Add a photo of the product" } : { ok: true, image: null };
  const checked = await checkImage(field);
  if (!checked.ok) return checked;
  return { ok: true, image: checked.image, store: () => imageStore().save(checked.image) };
}

/** Deletes a photo the shop stored; a failure is logged, never shown: the product change already happened. */
export async function removeProductImage(url: string): Promise<void> {
  try {
    await imageStore().remove(url);
  } catch (e) {
    console.error(`[storage] could not delete ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
