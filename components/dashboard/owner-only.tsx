export function OwnerOnly({ what }: { what: string }) {
  return (
    <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-900">
      <h1 className="font-semibold">Owner only</h1>
      <p className="mt-1 text-sm">
        Only the shop owner can {what}. Ask the owner if something needs changing.
      </p>
    </div>
  );
}
