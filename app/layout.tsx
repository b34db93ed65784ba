import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Duka: shop and pay with M-Pesa", template: "%s | Duka" },
  description: "A Kenyan online shop: pay by M-Pesa on your phone.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#039855" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-KE">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
