import type { Metadata } from "next";
import { connection } from "next/server";
import { NotFoundMessage } from "@/components/ui/not-found-message";
import "./globals.css";

export const metadata: Metadata = { title: "Page not found | Duka" };

/**
 * A URL that matches no route. Rendered per request, not prerendered: proxy.ts gives such a URL a fresh CSP
 * nonce, and a static page's scripts would carry none (the browser would refuse them; no hydration).
 */
export default async function GlobalNotFound() {
  await connection();
  return (
    <html lang="en-KE">
      <body className="min-h-screen font-sans">
        <NotFoundMessage />
      </body>
    </html>
  );
}
