/** The white card each section of the order page sits in. */
export const card = "rounded-xl border border-stone-200 bg-white p-4";
