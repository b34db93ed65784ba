// Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) make a name
// display differently from how it reads ("evil\u202Egnp.exe"); names never need them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Zero-width characters and the byte-order mark hide inside words; nothing a shopper types needs them.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// Every control character (C0, DEL, C1), line and paragraph separators, and any run of white space: a name
// of "Jo\nURGENT call 0700..." would start a line of its own in the seller's SMS and email.
const BREAKS_AND_SPACE = /[\p{Cc}\u2028\u2029\s]+/gu;
// The same, keeping line feeds, for the few fields that are paragraphs (a product description).
const CONTROLS_BUT_NEWLINE = /[^\S\n]+|[\p{Cc}\u2028\u2029](?<!\n)/gu;

export const withoutBidiControls = (text: string) => text.replace(BIDI_CONTROLS, "");

/** A free-text field as one clean line: no control characters, single spaces, trimmed. */
export function singleLine(text: string): string {
  return withoutBidiControls(text).replace(INVISIBLE, "").replace(BREAKS_AND_SPACE, " ").trim();
}

/** A free-text paragraph field: Windows and old-Mac line ends as \n, no other control characters. */
export function paragraphs(text: string): string {
  return withoutBidiControls(text)
    .replace(INVISIBLE, "")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(CONTROLS_BUT_NEWLINE, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
