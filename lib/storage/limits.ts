// Read by next.config.ts too, so it imports nothing: the upload cap and the server-action body limit agree.

/** Vercel refuses request bodies over 4.5 MB, so an image plus the product form must stay under that. */
export const MAX_IMAGE_MB = 4;
export const MAX_IMAGE_BYTES = MAX_IMAGE_MB * 1024 * 1024;
/** The product form's fields and multipart framing ride along with the image. */
export const ACTION_BODY_LIMIT = `${MAX_IMAGE_MB + 0.5}mb` as const;
/** The same in bytes, as Next.js reads "4.5mb". */
export const ACTION_BODY_LIMIT_BYTES = (MAX_IMAGE_MB + 0.5) * 1024 * 1024;
