import clsx from "clsx";
import { Children, type ReactElement, cloneElement, isValidElement } from "react";

/** The look of every text input, textarea and select, shop and dashboard alike (thumb-sized). */
export const inputClass =
  "mt-1 min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base sm:text-sm aria-[invalid=true]:border-red-600";

type ControlAria = { id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** One control (input, textarea, select): it gets the id, aria-describedby and aria-invalid here. */
  children: ReactElement<ControlAria>;
};

/**
 * A labelled control with its hint and its error: both tied to the control with aria-describedby, the
 * error marked aria-invalid and announced when it appears (a live region that is always there).
 */
export function Field({ id, label, hint, errors, children }: FieldProps) {
  const invalid = !!errors?.length;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  const control = Children.only(children);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {isValidElement(control) &&
        cloneElement(control, {
          id,
          "aria-describedby": describedBy,
          "aria-invalid": invalid ? true : undefined,
        })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-stone-600">
          {hint}
        </p>
      )}
      <p id={errorId} className="mt-1 text-sm text-red-700 empty:hidden" aria-live="polite">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

type TextFieldProps = React.InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  hint?: string;
  errors?: string[];
};

/** A labelled text input: the one used by the shop's and the dashboard's forms. */
export function TextField({ label, name, hint, errors, id, className, ...input }: TextFieldProps) {
  const inputId = id ?? `field-${name}`;
  return (
    <Field id={inputId} label={label} hint={hint} errors={errors}>
      <input name={name} className={clsx(inputClass, className)} {...input} />
    </Field>
  );
}
