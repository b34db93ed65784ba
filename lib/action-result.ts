/**
 * The one result shape every server action hands back to its form (via useActionState).
 * Plain types and constructors only: safe to import from client components.
 */
export type ActionResult<T = object> =
  | ({ ok: true; message: string } & T)
  | { ok: false; message: string; status?: 401 | 403; fieldErrors?: Record<string, string[] | undefined> };

export type ActionRefusal = Extract<ActionResult, { ok: false }>;

/** A refusal the form shows; `fieldErrors` name the inputs at fault. */
export function refused(message: string, fieldErrors?: ActionRefusal["fieldErrors"]): ActionRefusal {
  return fieldErrors ? { ok: false, message, fieldErrors } : { ok: false, message };
}
