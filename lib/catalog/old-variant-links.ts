// Links shared before each variant had its own address (/products/<slug>/<key>) named it in the query:
// `?colour=Red&size=M`, or `?variant=<id>` (that one is redirected by next.config.ts). No imports: the
// product page's browser code reads this (components/catalog/product-islands.tsx).

/** The query key of an option: "Colour" -> "colour". */
const optionParam = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * The variant an old link's query names by its values (any case); values it leaves out are taken from the
 * first in-stock match. Undefined when the query names no value of the product's options.
 */
export function variantNamedByQuery<V extends { optionValues: string[]; stock: number }>(
  options: { name: string; values: string[] }[],
  variants: V[],
  query: URLSearchParams,
): V | undefined {
  const wanted = options.map((o) => {
    const value = query.get(optionParam(o.name))?.trim().toLowerCase();
    return o.values.find((v) => v.toLowerCase() === value) ?? null;
  });
  if (wanted.every((w) => w === null)) return undefined;
  const matches = variants.filter((v) => wanted.every((w, i) => w === null || v.optionValues[i] === w));
  return matches.find((v) => v.stock > 0) ?? matches[0];
}
