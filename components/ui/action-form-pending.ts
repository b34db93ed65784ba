"use client";

import { createContext } from "react";

/**
 * The pending state of an ActionForm (./action-form.tsx), whose submit does not go through the form's native
 * action: null while idle, else which button sent it (`name=value`, "=" for a button with neither). Its own
 * module: SubmitButton reads it on every page, and a page without an ActionForm (the product page's add to
 * cart) then does not load the form pattern's code.
 */
export const ActionFormPending = createContext<string | null>(null);
