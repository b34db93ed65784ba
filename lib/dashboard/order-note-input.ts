import { z } from "zod";

const NOTE_MAX = 500;

/** The seller's optional note on an order (why it was cancelled, what was done about a flag). */
const note = z
  .string()
  .trim()
  .max(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`)
  .optional()
  .transform((v) => v || null);

export const cancelOrderInput = z.object({ reference: z.string().min(1).max(40), note });

export const resolveFlagInput = z.object({
  reference: z.string().min(1).max(40),
  flagId: z.string().min(1).max(100),
  note,
});
