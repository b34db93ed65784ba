import { PageHeadingSkeleton, ProductGridSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <div>
      <PageHeadingSkeleton />
      <ProductGridSkeleton />
    </div>
  );
}
