// Shared with the product form in the browser: keep this module free of imports (zod in a client bundle
// probes eval(), which the Content-Security-Policy refuses).
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGE_LABEL = "2 MB";
