// Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) make a name
// display differently from how it reads ("evil\u202Egnp.exe"); names never need them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export const withoutBidiControls = (text: string) => text.replace(BIDI_CONTROLS, "");
