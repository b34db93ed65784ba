import clsx from "clsx";
import { type ReactElement, cloneElement, isValidElement } from "react";

/**
 * The one form field: a label, the control, a hint, and the field's error tied to the control
 * (aria-describedby, aria-invalid). The form's error summary (./action-form.tsx) announces errors and links
 * here by the control's id, which is `field-<name>` unless given.
 *
 *   <TextField label="Name" name="name" {...rules.name} defaultValue={form.values.name} errors={form.errors.name} />
 *   <TextArea …/>, <SelectField …>{options}</SelectField>, or <Field> around any other control.
 */
export const inputClass =
  "mt-1 min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600";

type Common = { label: React.ReactNode; name: string; hint?: React.ReactNode; errors?: string[] };

/** The ids and aria attributes of a field's control. */
export function fieldAria({
  id,
  name,
  hint,
  errors,
}: {
  id?: string;
  name: string;
  hint?: unknown;
  errors?: string[];
}) {
  const controlId = id ?? `field-${name}`;
  const hasError = Boolean(errors?.length);
  const describedBy =
    [hasError ? `${controlId}-error` : null, hint ? `${controlId}-hint` : null].filter(Boolean).join(" ") ||
    undefined;
  return {
    id: controlId,
    name,
    "aria-invalid": hasError ? true : undefined,
    "aria-describedby": describedBy,
  };
}

/** Label, hint and error around a control whose attributes come from `fieldAria`. */
export function Field({
  id,
  label,
  hint,
  errors,
  className,
  children,
}: Omit<Common, "name"> & { id: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {withAria(children, id, hint, errors)}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-600">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type ControlAria = { id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

/** A single control without its own aria wiring gets the field's id, description and invalid state. */
function withAria(children: React.ReactNode, id: string, hint: unknown, errors?: string[]) {
  // The child itself, not Children.toArray's keyed copy: a key that appears only while the field has no
  // description would remount the control on the first error, wiping what was typed (a password box).
  const only = isValidElement(children) ? children : null;
  if (!only) return children;
  const control = only as ReactElement<ControlAria>;
  if (control.props["aria-describedby"] !== undefined) return children;
  const aria = fieldAria({ id, name: "", hint, errors });
  return cloneElement(control, {
    id: control.props.id ?? id,
    "aria-describedby": aria["aria-describedby"],
    "aria-invalid": aria["aria-invalid"],
  });
}

type InputProps = Common & Omit<React.ComponentProps<"input">, "name">;

/** A labelled input. */
export function TextField({ label, name, hint, errors, id, className, ...input }: InputProps) {
  const aria = fieldAria({ id, name, hint, errors });
  return (
    <Field id={aria.id} label={label} hint={hint} errors={errors}>
      <input {...aria} className={clsx(inputClass, className)} {...input} />
    </Field>
  );
}

/** A labelled box for a Kenyan mobile number: the phone keypad, and an example of how to type it. */
export function PhoneField(props: InputProps) {
  return <TextField type="tel" inputMode="tel" placeholder="0712 345 678" {...props} />;
}

/** A labelled multi-line text box. */
export function TextArea({
  label,
  name,
  hint,
  errors,
  id,
  className,
  ...area
}: Common & Omit<React.ComponentProps<"textarea">, "name">) {
  const aria = fieldAria({ id, name, hint, errors });
  return (
    <Field id={aria.id} label={label} hint={hint} errors={errors}>
      <textarea {...aria} className={clsx(inputClass, className)} {...area} />
    </Field>
  );
}

/** A labelled select; pass the options as children. */
export function SelectField({
  label,
  name,
  hint,
  errors,
  id,
  className,
  children,
  ...select
}: Common & Omit<React.ComponentProps<"select">, "name">) {
  const aria = fieldAria({ id, name, hint, errors });
  return (
    <Field id={aria.id} label={label} hint={hint} errors={errors}>
      <select {...aria} className={clsx(inputClass, className)} {...select}>
        {children}
      </select>
    </Field>
  );
}

/** A checkbox with its label beside it, the whole row its tap target. */
export function CheckboxField({
  label,
  ...input
}: { label: React.ReactNode } & Omit<React.ComponentProps<"input">, "type" | "className">) {
  return (
    <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
      <input type="checkbox" className="size-5 shrink-0 accent-brand-600" {...input} />
      {label}
    </label>
  );
}
