/** One SMS segment holds 160 GSM-7 characters; a single character outside GSM-7 cuts it to 70. */
const SMS_SEGMENT = 160;

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const LOOKALIKES: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "\u00a0": " ",
};

/** Text the phone shows as typed, in GSM-7 only: look-alikes replaced, anything else (emoji) dropped. */
export function toGsm7(text: string): string {
  let out = "";
  for (const ch of text) {
    const mapped = LOOKALIKES[ch] ?? ch;
    for (const c of mapped) if (GSM7_BASIC.includes(c)) out += c;
  }
  return out.replace(/ {2,}/g, " ");
}

/** The first candidate that fits one segment; else the last one cut to fit. */
export function fitOneSegment(candidates: string[]): string {
  const texts = candidates.map(toGsm7);
  return texts.find((t) => t.length <= SMS_SEGMENT) ?? texts.at(-1)!.slice(0, SMS_SEGMENT);
}
