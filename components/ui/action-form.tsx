"use client";

/**
 * The one way to build a form on a server action. Usage (copy this):
 *
 *   const rules = inputRules(thingInput);             // lib/action-result.ts: maxLength/inputMode from zod
 *   const form = useActionForm(saveThing, null, rules); // saveThing(prev, formData): Promise<ActionResult | null>
 *   <ActionForm form={form} className="space-y-3">
 *     <TextField label="Name" {...form.field("name", thing?.name)} />
 *     <SubmitButton>Save</SubmitButton>
 *     <ActionMessage id="thing-msg" result={form.success} />
 *   </ActionForm>
 *
 * `form.field(name, shown)` is the field's name, what it shows (what was typed before a refusal, else
 * `shown`), its errors and its box's rules; `form.checkbox(name, shown)` the same for a checkbox.
 *
 * The action returns `refused(message, fieldErrorsOf(error), submittedValues(formData))` (lib/action-result.ts).
 * A refused submit then: keeps every field as typed (React does not reset the form, so even a chosen photo
 * stays; without JavaScript the fields refill from `values`), shows an error summary at the top of the form
 * linking to each field at fault by its label, and moves focus to that summary. Each field's error is said
 * once, under the field: the summary repeats no message a field shows (a refusal's message that only
 * repeats a field's error becomes "Check the highlighted fields."), only errors with no field in the form. `resetOnSuccess` empties the form after a
 * success (forms that create something).
 */
import { useActionState, useEffect, useId, useRef, useState, useTransition } from "react";
import type { FieldErrors, FormValues, InputRule } from "@/lib/action-result";
import { ActionFormPending } from "./action-form-pending";

type FormState = { ok: boolean; message: string; fieldErrors?: FieldErrors; values?: unknown } | null;

type ValuesOf<S> = NonNullable<NonNullable<S> extends { values?: infer V } ? V : FormValues>;
type FieldValue = string | readonly string[];

export function useActionForm<S extends FormState>(
  action: (prev: S, formData: FormData) => Promise<S>,
  initial: S,
  /** The server's rule for each box (`inputRules` of the action's schema), handed on by `field`. */
  rules: Partial<Record<string, InputRule>> = {},
) {
  const [state, dispatch, pending] = useActionState<S, FormData>(action, initial as Awaited<S>);
  const refusal = state && !state.ok ? state : null;
  const errors = (refusal?.fieldErrors ?? {}) as FieldErrors;
  const values = (state?.values ?? {}) as Partial<ValuesOf<S>>;
  return {
    state,
    dispatch,
    pending,
    /** Field errors of the last refused submit, by field name. */
    errors,
    /** What was typed in the last refused (or re-shown) submit, by field name. */
    values,
    /** The last result when it succeeded (for an ActionMessage next to the button). */
    success: (state?.ok ? state : null) as Extract<NonNullable<S>, { ok: true }> | null,
    /** A text field's name, what it shows (typed before a refusal, else `shown`), its errors and rules. */
    field: (name: string, shown?: FieldValue) => ({
      name,
      defaultValue: ((values as Record<string, unknown>)[name] as FieldValue | undefined) ?? shown,
      errors: errors[name],
      ...rules[name],
    }),
    /** A checkbox's name and whether it starts ticked: as sent when the form came back with it, else `shown`. */
    checkbox: (name: string, shown: boolean) => {
      const sent = (values as Record<string, unknown>)[name];
      return { name, defaultChecked: state?.values ? sent === true || sent === "on" : shown };
    },
  };
}

/** What a group of fields that several forms share needs from its form. */
export type FormFields = Pick<ReturnType<typeof useActionForm>, "field" | "checkbox">;

type Form = {
  state: FormState;
  dispatch: (data: FormData) => void;
  pending: boolean;
};
const CHECK_FIELDS = "Check the highlighted fields.";

type SummaryItem = { name: string; id: string | null; label: string; message: string };

/** The fields at fault in document order, with their label and id, found in the form itself. */
function summaryItems(form: HTMLFormElement, errors: FieldErrors): SummaryItem[] {
  const items = Object.entries(errors).flatMap(([name, messages]) => {
    if (!messages?.length) return [];
    const found = form.elements.namedItem(name);
    const control = (found instanceof RadioNodeList ? found[0] : found) as HTMLElement | null;
    // A radio group's name is its legend; any other control's is its label.
    const radio = control instanceof HTMLInputElement && control.type === "radio";
    const labelText = radio
      ? control.closest("fieldset")?.querySelector("legend")?.textContent
      : (control as HTMLInputElement | null)?.labels?.[0]?.textContent;
    return [
      { name, id: control?.id || null, label: (labelText ?? "").trim(), message: messages[0]!, control },
    ];
  });
  const order = (el: HTMLElement | null | undefined) =>
    el ? [...form.elements].indexOf(el as Element) : Number.MAX_SAFE_INTEGER;
  return items
    .sort((a, b) => order(a.control) - order(b.control))
    .map(({ name, id, label, message }) => ({ name, id, label, message }));
}

export function ActionForm({
  form,
  resetOnSuccess,
  summaryExtra,
  children,
  ...props
}: {
  form: Form;
  resetOnSuccess?: boolean;
  /** Shown under a refusal's summary, e.g. a link to where it can be put right. */
  summaryExtra?: React.ReactNode;
} & Omit<React.FormHTMLAttributes<HTMLFormElement>, "action" | "onSubmit">) {
  const ref = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [, startTransition] = useTransition();
  const [items, setItems] = useState<SummaryItem[]>([]);
  const [submitter, setSubmitter] = useState("=");
  const titleId = useId();
  const { state } = form;
  const refusal = state && !state.ok ? state : null;

  useEffect(() => {
    if (!state || !ref.current) return;
    if (state.ok) {
      if (resetOnSuccess) ref.current.reset();
      return;
    }
    // The fields' labels and ids are read from the committed form, so any field component works here.
    setItems(summaryItems(ref.current, state.fieldErrors ?? {}));
  }, [state, resetOnSuccess]);

  useEffect(() => {
    // A refused submit: the person sees the summary first, and a screen reader reads it.
    if (refusal && summaryRef.current) {
      summaryRef.current.focus();
      summaryRef.current.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }, [refusal]);

  const focusField = (id: string) => (e: React.MouseEvent) => {
    const el = document.getElementById(id);
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView({ block: "center", behavior: "instant" });
  };

  return (
    <form
      ref={ref}
      action={form.dispatch}
      onSubmit={(e) => {
        // Dispatching ourselves keeps what was typed: a form's own action resets every field afterwards.
        e.preventDefault();
        const by = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        setSubmitter(`${by?.name}=${by?.value}`);
        const data = new FormData(e.currentTarget, by);
        startTransition(() => form.dispatch(data));
      }}
      noValidate
      {...props}
    >
      {refusal && (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby={titleId}
          data-testid="error-summary"
          className="scroll-mt-40 rounded-lg border-2 border-red-700 bg-red-50 p-3 text-sm text-red-900 outline-none focus:ring-2 focus:ring-red-700"
        >
          <p id={titleId} className="font-semibold">
            {items.some((item) => item.id && item.message === refusal.message)
              ? CHECK_FIELDS
              : refusal.message}
          </p>
          {items.length > 0 && (
            <ul className="mt-1">
              {items.map((item) =>
                item.id ? (
                  <li key={item.name}>
                    <a
                      href={`#${item.id}`}
                      onClick={focusField(item.id)}
                      className="flex min-h-11 items-center font-medium underline"
                    >
                      {item.label || item.message}
                    </a>
                  </li>
                ) : (
                  <li key={item.name} className="py-1">
                    {item.message}
                  </li>
                ),
              )}
            </ul>
          )}
          {summaryExtra}
        </div>
      )}
      <ActionFormPending value={form.pending ? submitter : null}>{children}</ActionFormPending>
    </form>
  );
}
