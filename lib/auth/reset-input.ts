import { z } from "zod";

export const forgotInput = z.object({
  email: z
    .email("Enter the email you sign in with")
    .trim()
    .toLowerCase()
    .max(254, "Use a shorter email address"),
});

export const newPasswordInput = z
  .object({
    token: z.string().min(20).max(100),
    password: z.string().min(10, "Use at least 10 characters").max(200, "Keep it under 200 characters"),
    confirm: z.string().max(200),
  })
  .refine((f) => f.password === f.confirm, { path: ["confirm"], message: "Type the same password twice" });
