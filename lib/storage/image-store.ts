import type { CheckedImage } from "./image-check";

/** Where product photos live. Each store only deletes the files it made (seeded images stay). */
export interface ImageStore {
  readonly kind: "local" | "blob";
  /** Stores the image under a fresh name and returns the URL the shop shows. */
  save(image: CheckedImage): Promise<string>;
  /** Deletes the file behind a URL this store made; any other URL is left alone. */
  remove(url: string): Promise<void>;
}
