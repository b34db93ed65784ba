// Tailwind CSS 4 reads its theme from app/globals.css (@theme); this file is kept for editors and tools
// that still look for it, and is loaded by globals.css through @config.
import type { Config } from "tailwindcss";

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#ecfdf3",
          100: "#d1fadf",
          500: "#12b76a",
          600: "#039855",
          700: "#027a48",
          900: "#054f31",
        },
      },
    },
  },
};
export default config;
