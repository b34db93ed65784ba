import { z } from "zod";
import { singleLine } from "@/lib/plain-text";

export const staffPassword = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Keep it under 200 characters");

/** A new team member as the owner types them. */
export const newStaffInput = z.object({
  name: z
    .string()
    .transform(singleLine)
    .pipe(z.string().min(2, "Enter the person's name").max(80, "Keep the name under 80 characters")),
  email: z.email("Enter a valid email address").trim().toLowerCase().max(254, "Use a shorter email address"),
  password: staffPassword,
});
