import { PageHeadingSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <div className="mx-auto max-w-2xl" aria-busy="true" aria-label="Loading your cart">
      <PageHeadingSkeleton />
      <div className="h-48 animate-pulse rounded-xl bg-stone-200" />
    </div>
  );
}
