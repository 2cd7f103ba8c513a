/*
 * The parser layer: bytes → text (encoding, BOM) → rows with their physical line numbers.
 * Parsing is papaparse's; what is ours is deciding the encoding and separator once per file
 * and counting lines, so every later message can say where.
 */
import Papa from 'papaparse';
import { renderMessage } from './messages.ts';
import type { FileIssue } from './report.ts';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  issues: FileIssue[];
}

/**
 * Decodes a CSV file: UTF-8 (BOM stripped), else windows-1252 as Excel writes it, said once
 * (in `lang`; English without one).
 */
export function decodeCsv(input: Uint8Array | ArrayBuffer | string, lang?: string): DecodedText {
  const issues: FileIssue[] = [];
  if (typeof input === 'string') {
    const bom = input.charCodeAt(0) === 0xfeff;
    if (bom) issues.push(bomIssue(lang));
    return { text: bom ? input.slice(1) : input, encoding: 'utf-8', bom, issues };
  }
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) {
    bytes = bytes.subarray(3);
    issues.push(bomIssue(lang));
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom, issues };
  } catch {
    // Not UTF-8: in practice a file saved by Excel on Windows ("CSV (separator: ;)"), which
    // is windows-1252 (a superset of latin-1 that every browser and Node decode).
    const text = decodeWindows1252(bytes);
    const at = firstInvalidUtf8(bytes);
    const line = at === undefined ? undefined : countLines(bytes, at);
    issues.push({
      code: 'ENCODING_NOT_UTF8',
      severity: 'warning',
      message: line
        ? renderMessage(lang, 'ENCODING_NOT_UTF8.line', { line })
        : renderMessage(lang, 'ENCODING_NOT_UTF8'),
      ...(line ? { line } : {}),
      hint: renderMessage(lang, 'ENCODING_NOT_UTF8.hint'),
    });
    return { text, encoding: 'windows-1252', bom, issues };
  }
}

/*
 * windows-1252 by hand for 0x80–0x9F: Node's TextDecoder (without full ICU) reads that label
 * as latin-1 and gives control characters where Excel wrote €, curly quotes or œ.
 */
const CP1252 =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
}

function bomIssue(lang: string | undefined): FileIssue {
  return { code: 'BOM', severity: 'info', message: renderMessage(lang, 'BOM') };
}

function countLines(bytes: Uint8Array, end: number): number {
  let n = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/** Offset of the first byte that breaks UTF-8, for the message. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return undefined;
}

/**
 * The separator of a file, from its header line. The header holds technical names only (no
 * quotes, no `;` or `,` inside), so counting is exact there; papaparse's guess looks at data
 * rows, where decimals with `,` can mislead it. The issue is said in `lang` (English without one).
 */
export function detectSeparator(text: string, lang?: string): { separator: string; issues: FileIssue[] } {
  const end = text.indexOf('\n');
  const header = end === -1 ? text : text.slice(0, end);
  const count = (s: string) => header.split(s).length - 1;
  const candidates = [';', ',', '\t'].map((s) => ({ s, n: count(s) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  if (best.n === 0 || best.s === ';') return { separator: ';', issues: [] };
  const code = best.s === ',' ? 'SEPARATOR_COMMA' : 'SEPARATOR_TAB';
  return {
    separator: best.s,
    issues: [
      {
        code,
        severity: 'warning',
        line: 1,
        message: renderMessage(lang, code),
        hint: renderMessage(lang, `${code}.hint`),
      },
    ],
  };
}

export interface ParsedRow {
  /** Physical line where the row starts (1-based). */
  line: number;
  cells: string[];
  /** papaparse's complaints about this row (unbalanced quotes, …). */
  errors: { code: string; message: string }[];
  /** Where the row is in the text (`text.slice(start, end)`), and the line break the parser used. */
  start?: number;
  end?: number;
  linebreak?: string;
}

export interface ParseOptions {
  separator: string;
  /** Physical line of the text's first character, when the text is a part of a file (1). */
  firstLine?: number;
  /** Called for every row, the header first. Return false to stop. */
  onRow: (row: ParsedRow) => undefined | boolean;
}

/**
 * Parses the text row by row (papaparse's step mode: no array of every row in memory) and
 * gives each row the physical line it starts on, counting line breaks inside quoted cells.
 */
export function parseRows(text: string, options: ParseOptions): { lineEnding: LineEnding } {
  let line = options.firstLine ?? 1;
  let counted = 0;
  const advance = (to: number) => {
    let i = text.indexOf('\n', counted);
    while (i !== -1 && i < to) {
      line++;
      i = text.indexOf('\n', i + 1);
    }
    counted = to;
  };
  let start = 0;
  let stopped = false;
  Papa.parse<string[]>(text, {
    delimiter: options.separator,
    skipEmptyLines: false,
    step: (result, parser) => {
      if (stopped) return;
      const cursor = result.meta.cursor;
      // papaparse ends on an empty row after a final line break: not a line of the file.
      if (start >= text.length && result.data.length === 1 && result.data[0] === '') return;
      advance(start);
      const errors =
        result.errors.length === 0
          ? NO_ERRORS
          : result.errors.map((e) => ({ code: e.code, message: e.message }));
      const row = { line, cells: result.data, errors, start, end: cursor, linebreak: result.meta.linebreak };
      if (options.onRow(row) === false) {
        stopped = true;
        parser.abort();
      }
      start = cursor;
    },
  });
  return { lineEnding: lineEndingOf(text) };
}

export type LineEnding = 'lf' | 'crlf' | 'none';

/** The line break of a text, from its first line. */
export function lineEndingOf(text: string): LineEnding {
  const lf = text.indexOf('\n');
  return lf === -1 ? 'none' : text[lf - 1] === '\r' ? 'crlf' : 'lf';
}

/** Shared by the rows the parser had nothing to say about (most): read only. */
const NO_ERRORS: ParsedRow['errors'] = Object.freeze([]) as unknown as ParsedRow['errors'];

/**
 * The cells of one row again, from its place in the text: what parseRows gave for it, when
 * given the separator and line break of that parse (a row is parsed from its first character
 * in the same state either way). Lets an import keep two offsets per row, not every cell.
 */
export function reparseRow(
  text: string,
  start: number,
  end: number,
  separator: string,
  linebreak: string,
): string[] {
  const result = Papa.parse<string[]>(text.slice(start, end), {
    delimiter: separator,
    newline: linebreak as Papa.ParseConfig['newline'],
    skipEmptyLines: false,
  });
  return result.data[0] ?? [''];
}

/** Every row of a CSV text as arrays of cells: the parser layer on its own (tests, tools). */
export function parseCsvText(text: string, separator?: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  parseRows(text, {
    separator: separator ?? detectSeparator(text).separator,
    onRow: (r) => {
      rows.push(r);
      return undefined;
    },
  });
  return rows;
}
