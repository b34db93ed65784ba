"use client";

import { useState } from "react";

const button =
  "inline-flex min-h-11 items-center justify-center rounded-lg px-4 py-2 font-medium text-center";

/** WhatsApp (message written in) and copy: how a link or a product leaves the shop for a chat. */
export function ShareButtons({
  whatsappUrl,
  copyText,
  copyLabel = "Copy link",
}: {
  whatsappUrl: string;
  copyText: string;
  copyLabel?: string;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(copyText);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a
        href={whatsappUrl}
        target="_blank"
        rel="noopener noreferrer"
        className={`${button} bg-[#1f8f4e] text-white hover:bg-[#17733e]`}
      >
        Share on WhatsApp
      </a>
      <button
        type="button"
        onClick={copy}
        className={`${button} border border-stone-300 bg-white hover:bg-stone-100`}
      >
        {copyLabel}
      </button>
      <span role="status" aria-live="polite" className="text-sm text-stone-600">
        {copied === true
          ? "Copied."
          : copied === false
            ? "Copy failed: copy the address from the browser."
            : ""}
      </span>
    </div>
  );
}
