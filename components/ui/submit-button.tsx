"use client";

import clsx from "clsx";
import { useContext } from "react";
import { useFormStatus } from "react-dom";
import { ActionFormPending } from "./action-form";

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" };

/** A form's submit button that shows its pending state while the action runs. */
export function SubmitButton({ children, className, disabled, variant = "primary", ...rest }: Props) {
  const inActionForm = useContext(ActionFormPending);
  const pending = useFormStatus().pending || inActionForm;
  return (
    <button
      type="submit"
      disabled={disabled || pending}
      aria-disabled={disabled || pending}
      className={clsx(
        "min-h-11 rounded-lg px-4 py-2 font-medium disabled:cursor-not-allowed disabled:opacity-60",
        variant === "primary" && "bg-brand-600 text-white hover:bg-brand-700",
        variant === "secondary" && "border border-stone-300 bg-white hover:bg-stone-100",
        variant === "danger" && "text-red-700 hover:underline",
        className,
      )}
      {...rest}
    >
      {children}
    </button>
  );
}
