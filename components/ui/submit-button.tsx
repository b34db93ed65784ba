"use client";

import clsx from "clsx";
import { useContext } from "react";
import { useFormStatus } from "react-dom";
import { ActionFormPending } from "./action-form-pending";

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "danger";
  /** What the button says while the action it sent runs (e.g. "Sending the prompt…"), when that takes a while. */
  pendingText?: string;
};

/** A form's submit button that shows its pending state while the action runs. */
export function SubmitButton({
  children,
  className,
  disabled,
  variant = "primary",
  pendingText,
  ...rest
}: Props) {
  const sentBy = useContext(ActionFormPending);
  const pending = useFormStatus().pending || sentBy !== null;
  // Only the button that sent the form says what is happening (an ActionForm names it: Apply's code check does
  // not make "Pay" say it is sending a prompt); any other form has one submit button.
  const working = pending && (sentBy ?? "=") === `${rest.name ?? ""}=${rest.value ?? ""}`;
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
      {(working && pendingText) || children}
    </button>
  );
}
