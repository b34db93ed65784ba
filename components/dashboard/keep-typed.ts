import { type FormEvent, startTransition } from "react";

// React resets a form after its action runs; a refused form must keep what the seller typed, so with
// JavaScript the form is submitted by hand (without it, the plain form post still works).
export const keepTyped = (action: (formData: FormData) => void) => (e: FormEvent<HTMLFormElement>) => {
  e.preventDefault();
  const data = new FormData(e.currentTarget);
  startTransition(() => action(data));
};
