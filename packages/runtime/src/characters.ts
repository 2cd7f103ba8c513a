/*
 * Characters that change what a reader sees without being seen: terminal controls (C0 and C1,
 * DEL: ESC sequences recolour, move the cursor, retitle the window), bidirectional overrides
 * and isolates (U+202A–202E, U+2066–2069: "Trojan Source" text that reads other than it is),
 * marks and zero-width characters (U+200B–200F, U+2060–2064, U+061C, U+FEFF). The definition
 * check warns about them in definition texts; the command line shows them escaped.
 */
// Built from its ranges: linters flag control characters in a regular expression literal as a
// likely mistake, and here matching them is the point.
const HIDDEN = new RegExp(
  `[${[
    '\\u0000-\\u0008', // C0 controls before the tab
    '\\u000B-\\u001F', // C0 controls after the line feed (ESC, carriage return, …)
    '\\u007F-\\u009F', // DEL and the C1 controls
    '\\u061C\\u200E\\u200F', // bidirectional marks
    '\\u202A-\\u202E\\u2066-\\u2069', // bidirectional overrides and isolates
    '\\u200B-\\u200D\\u2060-\\u2064\\uFEFF', // zero-width and invisible characters
  ].join('')}]`,
  'g',
);

/** What each such character is, in a few words (for a warning). */
export function hiddenCharacterName(c: string): string {
  const n = c.codePointAt(0)!;
  if (n < 0x20 || n === 0x7f) return n === 0x1b ? 'escape (terminal control)' : 'control character';
  if (n <= 0x9f) return 'control character (C1)';
  if ((n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069))
    return 'bidirectional override or isolate';
  if (n === 0x200e || n === 0x200f || n === 0x061c) return 'bidirectional mark';
  return 'zero-width or invisible character';
}

/** The code point as `U+202E`. */
export const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Each hidden character of a text with its offset (UTF-16 units). */
export function hiddenCharacters(text: string): { char: string; index: number }[] {
  return [...text.matchAll(HIDDEN)].map((m) => ({ char: m[0], index: m.index }));
}

/**
 * Text as a terminal may print it: each hidden character shown as `\u{202E}`, so an ESC
 * sequence or a bidi override from a file is seen, not obeyed. Line breaks and tabs stay.
 */
export function escapeHidden(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}
