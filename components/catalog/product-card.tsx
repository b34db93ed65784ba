import { Photo } from "@/components/ui/photo";
import Link from "next/link";
import { Price } from "./price";
import { StockBadge } from "./stock-badge";

type Props = {
  product: {
    slug: string;
    name: string;
    priceKes: number;
    compareAtKes: number | null;
    priceVaries: boolean;
    stock: number;
    imageUrl: string;
  };
};

export function ProductCard({ product }: Props) {
  return (
    <li className="group overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm">
      <Link href={`/products/${product.slug}`} className="block focus-visible:outline-offset-0">
        <Photo
          src={product.imageUrl}
          alt={product.name}
          width={400}
          height={400}
          className="aspect-square w-full object-cover"
        />
        <div className="space-y-1 p-3">
          <h3 className="text-sm font-medium break-words group-hover:underline">{product.name}</h3>
          <p className="font-semibold">
            <Price
              priceKes={product.priceKes}
              compareAtKes={product.compareAtKes}
              from={product.priceVaries}
            />
          </p>
          <StockBadge stock={product.stock} />
        </div>
      </Link>
    </li>
  );
}

export function ProductGrid({ products }: { products: Props["product"][] }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((p) => (
        <ProductCard key={p.slug} product={p} />
      ))}
    </ul>
  );
}
