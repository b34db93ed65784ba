import type { Metadata } from "next";
import { TrackForm } from "@/components/track/track-form";

export const metadata: Metadata = { title: "Track an order", robots: { index: false } };

export default function TrackPage() {
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">Track an order</h1>
      <p className="text-sm text-stone-700">
        Type your order reference and the phone number you ordered with. We send a one-time code to that
        number, then show you where your order is.
      </p>
      <TrackForm />
    </div>
  );
}
