// One line of the owner's setup checklist.

/** ok: green; problem: red, with the fix; info: nothing wrong, worth knowing. */
export type SetupCheck = {
  id: string;
  label: string;
  status: "ok" | "problem" | "info";
  detail: string;
  fix?: string;
};
