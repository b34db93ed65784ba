import Link from "next/link";
import clsx from "clsx";
import type { ProductOptionView } from "@/lib/catalog/variants";

/** `href`: the variant's own page (lib/catalog/variants.ts variantPath). */
type Variant = { optionValues: string[]; stock: number; href: string };

/**
 * One row of buttons per option. Each button is a link to the page of the variant with that value chosen, so
 * picking works without JavaScript and the address names the choice. A value whose combination is sold out is struck
 * through; one with no combination at all is not offered.
 */
export function OptionPicker({
  options,
  variants,
  chosen,
}: {
  options: ProductOptionView[];
  variants: Variant[];
  chosen: string[];
}) {
  return (
    <div className="space-y-3">
      {options.map((option, i) => (
        <fieldset key={option.name}>
          <legend className="text-sm font-medium">
            {option.name}: <span className="font-normal">{chosen[i]}</span>
          </legend>
          <ul className="mt-1 flex flex-wrap gap-2">
            {option.values.map((value) => {
              const values = chosen.map((c, j) => (j === i ? value : c));
              const match = variants.find((v) => v.optionValues.every((x, j) => x === values[j]));
              if (!match) return null;
              const selected = chosen[i] === value;
              const soldOut = match.stock <= 0;
              return (
                <li key={value}>
                  <Link
                    href={match.href}
                    scroll={false}
                    replace
                    aria-current={selected ? "true" : undefined}
                    aria-label={`${option.name} ${value}${soldOut ? ", sold out" : ""}`}
                    className={clsx(
                      "inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border px-3 text-sm",
                      selected
                        ? "text-brand-800 border-brand-700 bg-brand-50 font-semibold ring-2 ring-brand-600"
                        : "border-stone-300 bg-white hover:bg-stone-100",
                      soldOut && "text-stone-500 line-through",
                    )}
                  >
                    {value}
                  </Link>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
