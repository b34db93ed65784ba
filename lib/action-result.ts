/**
 * The one result shape every server action hands back to its form (via useActionState), and the one way a
 * refused form comes back with what was typed. Plain types and functions only: safe in client components.
 *
 * In a server action:
 *   const values = submittedValues(formData, { omit: ["password"] });
 *   const parsed = schema.safeParse(values);
 *   if (!parsed.success) return refused("Check the highlighted fields.", fieldErrorsOf(parsed.error), values);
 * The form (components/ui/action-form.tsx) renders each field from `values` and `fieldErrors`.
 */
import { type ZodError, z } from "zod";

/** What was typed, by field name (files and secrets are never sent back). */
export type FormValues = Partial<Record<string, string>>;
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = object, V = FormValues> =
  | ({ ok: true; message: string; values?: V } & T)
  | { ok: false; message: string; status?: 401 | 403; fieldErrors?: FieldErrors; values?: V };

export type ActionRefusal<V = FormValues> = Extract<ActionResult<object, V>, { ok: false }>;

/** A refusal the form shows; `fieldErrors` name the inputs at fault, `values` refill the form. */
export function refused<V = FormValues>(
  message: string,
  fieldErrors?: FieldErrors,
  values?: V,
): ActionRefusal<V> {
  return {
    ok: false,
    message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(values ? { values } : {}),
  };
}

/** The text fields of a submitted form (the last value of a repeated name); files and `omit` left out. */
export function submittedValues(formData: FormData, { omit = [] }: { omit?: string[] } = {}): FormValues {
  const values: FormValues = {};
  for (const [name, value] of formData) {
    if (typeof value !== "string" || omit.includes(name) || name.startsWith("$ACTION")) continue;
    values[name] = value;
  }
  return values;
}

/** A zod error as field errors, one list per field name. */
export function fieldErrorsOf(error: ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** What an input box should allow, read from the server's rule for its field. */
export type InputRule = {
  maxLength?: number;
  inputMode?: "numeric" | "decimal" | "email";
};

type Inspectable = { _zod: { def: Record<string, unknown> } } & {
  maxLength?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  format?: string | null;
};

function ruleOf(schema: Inspectable): InputRule {
  const def = schema._zod.def as { type: string; [k: string]: unknown };
  const inner = (s: unknown) => ruleOf(s as Inspectable);
  switch (def.type) {
    case "string":
      return {
        ...(schema.maxLength != null ? { maxLength: schema.maxLength } : {}),
        ...(schema.format === "email" ? { inputMode: "email" as const } : {}),
      };
    case "number":
      return {
        inputMode: schema.isInt ? "numeric" : "decimal",
        ...(schema.maxValue != null && Number.isFinite(schema.maxValue)
          ? { maxLength: String(Math.trunc(schema.maxValue)).length }
          : {}),
      };
    case "pipe": {
      // What is typed meets the first side; a text limit on either side bounds the box.
      const [a, b] = [inner(def.in), inner(def.out)];
      const lengths = [a.maxLength, b.maxLength].filter((n): n is number => n !== undefined);
      return {
        ...((a.inputMode ?? b.inputMode) ? { inputMode: a.inputMode ?? b.inputMode } : {}),
        ...(lengths.length ? { maxLength: Math.min(...lengths) } : {}),
      };
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
      return inner(def.innerType);
    case "union": {
      const rules = (def.options as unknown[]).map(inner);
      const lengths = rules.map((r) => r.maxLength).filter((n): n is number => n !== undefined);
      const mode = rules.find((r) => r.inputMode)?.inputMode;
      return {
        ...(mode ? { inputMode: mode } : {}),
        ...(lengths.length ? { maxLength: Math.max(...lengths) } : {}),
      };
    }
    default:
      return {};
  }
}

/** `maxLength` and `inputMode` for one box, from the server's rule for what it takes. */
export function inputRule(schema: z.ZodType): InputRule {
  return ruleOf(schema as unknown as Inspectable);
}

/**
 * `maxLength` and `inputMode` for each field of a form's zod object, so a box never accepts what the server
 * would refuse: `<TextField {...rules.name} />`.
 */
export function inputRules<S extends { shape: Record<string, unknown> }>(
  schema: S,
): Record<keyof S["shape"], InputRule> {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([name, field]) => [name, ruleOf(field as Inspectable)]),
  ) as Record<keyof S["shape"], InputRule>;
}
