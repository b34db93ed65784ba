// Shared with client components: keep this module free of imports (zod in a client bundle probes eval(),
// which the Content-Security-Policy refuses).
export const MAX_QUANTITY = 99;
export const MAX_LINES = 50;
