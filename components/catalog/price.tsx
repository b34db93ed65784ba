import { formatKes } from "@/lib/format";

/** The selling price, with the old price struck through when on sale. */
export function Price({
  priceKes,
  compareAtKes,
  from = false,
}: {
  priceKes: number;
  compareAtKes: number | null;
  /** Variants differ in price: this is the lowest. */
  from?: boolean;
}) {
  return (
    <span data-testid="price">
      {from && "From "}
      <span className={compareAtKes ? "text-red-700" : undefined}>{formatKes(priceKes)}</span>
      {compareAtKes && (
        <>
          {" "}
          <s className="font-normal text-stone-500" aria-label={`was ${formatKes(compareAtKes)}`}>
            {formatKes(compareAtKes)}
          </s>
        </>
      )}
    </span>
  );
}
