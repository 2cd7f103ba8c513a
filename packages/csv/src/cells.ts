/*
 * Cells ↔ values by column type, with the HD4DP conventions (dd/mm/yyyy, `|` between codes,
 * true/false) and what Excel does to them (two-digit years, ISO dates, lost leading zeros,
 * decimal commas, TRUE/FALSE). A cell that cannot be read is passed on as the text it is, so
 * the form's own validator reports it with the form's own message; the hint says the format.
 */
import { type CompiledForm, type CsvColumn, isValidNiss, normaliseNiss } from '@regforms/runtime';
import Papa from 'papaparse';
import { MESSAGES, renderMessage } from './messages.ts';

export interface CellResult {
  /** undefined: the cell is empty (no value). */
  value: unknown;
  /** Read, but not as the convention writes it: say how it was read. */
  warning?: { code: string; message: string };
  /** Could not be read: `value` is the raw text and this says what the column expects. */
  hint?: string;
}

/**
 * What a column expects, in English, for callers without a language. The catalog's
 * `format.<type>` entries hold it in every language (the dictionary says them in its own), so
 * this reads them instead of keeping a second copy.
 */
export const FORMATS: Record<CsvColumn['type'], string> = {
  text: MESSAGES['format.text'].en,
  integer: MESSAGES['format.integer'].en,
  decimal: MESSAGES['format.decimal'].en,
  date: MESSAGES['format.date'].en,
  time: MESSAGES['format.time'].en,
  boolean: MESSAGES['format.boolean'].en,
  choice: MESSAGES['format.choice'].en,
  multichoice: MESSAGES['format.multichoice'].en,
  niss: MESSAGES['format.niss'].en,
};

/** Per-column lookups built once per import: codes, codes without leading zeros, labels. */
export interface ColumnPlan {
  column: CsvColumn;
  codes?: Set<string>;
  /** Code with its leading zeros removed → the code, when that is unambiguous. */
  unpadded?: Map<string, string>;
  lower?: Map<string, string>;
  /** Label (any language, lower case) → code, to say "that is the label of code X". */
  labels?: Map<string, string>;
  /** One shared, read-only result per code: most cells of a form are codes, read many times. */
  hits?: Map<string, CellResult>;
  /** Language of warnings and hints (English when not given). */
  lang?: string;
}

/** The i18n key prefix of a column: `REPEAT.NAME` for a repeat item's field. */
export function columnKey(c: CsvColumn): string {
  return c.path.length > 1 ? `${String(c.path[0])}.${c.name}` : c.name;
}

const stripZeros = (s: string) => s.replace(/^0+(?=.)/, '');

/*
 * Plans are read-only once made, and kept per column (the compiled form's own object) and
 * language: an import plans its header once per part of the file (rows.ts), and the lookups
 * of a 325-column form cost milliseconds to build.
 */
const plans = new WeakMap<CsvColumn, Map<string, ColumnPlan>>();

/** Prepares the lookups for a column; its cells' warnings and hints will be in `lang`. */
export function planColumn(form: CompiledForm, column: CsvColumn, lang?: string): ColumnPlan {
  let byLang = plans.get(column);
  if (!byLang) {
    byLang = new Map();
    plans.set(column, byLang);
  }
  let plan = byLang.get(lang ?? '');
  if (!plan) {
    plan = makePlan(form, column, lang);
    byLang.set(lang ?? '', plan);
  }
  return plan;
}

function makePlan(form: CompiledForm, column: CsvColumn, lang?: string): ColumnPlan {
  if (!column.codes) return lang ? { column, lang } : { column };
  const codes = new Set(column.codes);
  const unpadded = new Map<string, string>();
  const lower = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const code of column.codes) {
    for (const [map, k] of [
      [unpadded, stripZeros(code)],
      [lower, code.toLowerCase()],
    ] as const) {
      if (map.has(k) && map.get(k) !== code) ambiguous.add(`${map === unpadded ? 'u' : 'l'}${k}`);
      map.set(k, code);
    }
  }
  for (const a of ambiguous) (a[0] === 'u' ? unpadded : lower).delete(a.slice(1));
  const labels = new Map<string, string>();
  const key = columnKey(column);
  for (const bundle of Object.values(form.i18n))
    for (const code of column.codes) {
      const label = bundle[`${key}.${code}`];
      if (label) labels.set(label.toLowerCase(), code);
    }
  const hits = new Map(column.codes.map((code) => [code, Object.freeze({ value: code })]));
  return { column, codes, unpadded, lower, labels, hits, ...(lang ? { lang } : {}) };
}

const DATE_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_DMY_OTHER = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/;
const DATE_DMYY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/;
const DATE_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number) =>
  m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m - 1]!;

function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** dd/mm/yyyy, the convention, read without a regular expression: most date cells are in it. */
function conventionalDate(raw: string): string | undefined {
  if (raw.length !== 10 || raw.charCodeAt(2) !== 47 || raw.charCodeAt(5) !== 47) return undefined;
  for (let i = 0; i < 10; i++) if (i !== 2 && i !== 5 && !isDigit(raw.charCodeAt(i))) return undefined;
  const d = Number(raw.slice(0, 2));
  const m = Number(raw.slice(3, 5));
  const y = Number(raw.slice(6));
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
    ? `${raw.slice(6)}-${raw.slice(3, 5)}-${raw.slice(0, 2)}`
    : undefined;
}

function readDate(raw: string, now: Date, lang: string | undefined): CellResult {
  const fast = conventionalDate(raw);
  if (fast) return { value: fast };
  let m = DATE_DMY.exec(raw);
  if (m) {
    const v = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return v ? { value: v } : { value: raw, hint: renderMessage(lang, 'hint.dateNotInCalendar') };
  }
  const shown = (v: string) => `${v.slice(8)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  m = DATE_DMYY.exec(raw);
  if (m) {
    // Two-digit years: up to this year's two digits is 20yy, above is 19yy (birth dates).
    const yy = Number(m[3]);
    const y = yy <= now.getUTCFullYear() % 100 ? 2000 + yy : 1900 + yy;
    const v = isoDate(y, Number(m[2]), Number(m[1]));
    if (v)
      return {
        value: v,
        warning: {
          code: 'DATE_TWO_DIGIT_YEAR',
          message: renderMessage(lang, 'DATE_TWO_DIGIT_YEAR', { date: shown(v) }),
        },
      };
    return { value: raw, hint: renderMessage(lang, 'hint.dateNotInCalendar') };
  }
  m = DATE_ISO.exec(raw);
  if (m) {
    const v = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (v)
      return {
        value: v,
        warning: { code: 'DATE_ISO', message: renderMessage(lang, 'DATE_ISO', { date: shown(v) }) },
      };
  }
  m = DATE_DMY_OTHER.exec(raw);
  if (m) {
    const v = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (v)
      return {
        value: v,
        warning: {
          code: 'DATE_SEPARATOR',
          message: renderMessage(lang, 'DATE_SEPARATOR', { date: shown(v) }),
        },
      };
  }
  return { value: raw, hint: renderMessage(lang, 'hint.date') };
}

function readCode(plan: ColumnPlan, raw: string, lang: string | undefined): CellResult {
  const hit = plan.hits!.get(raw);
  if (hit) return hit;
  if (/^\d+$/.test(raw)) {
    const code = plan.unpadded!.get(stripZeros(raw));
    if (code)
      return {
        value: code,
        warning: {
          code: 'CODE_LEADING_ZERO',
          message: renderMessage(lang, 'CODE_LEADING_ZERO', { value: raw, code }),
        },
      };
  }
  const code = plan.lower!.get(raw.toLowerCase());
  if (code)
    return {
      value: code,
      warning: { code: 'CODE_CASE', message: renderMessage(lang, 'CODE_CASE', { code }) },
    };
  const label = plan.labels!.get(raw.toLowerCase());
  const list = [...plan.codes!];
  const codes = list.slice(0, 12).join(', ');
  return {
    value: raw,
    hint: label
      ? renderMessage(lang, 'hint.label', { value: raw, code: label })
      : list.length > 12
        ? renderMessage(lang, 'hint.codes.more', { codes, count: list.length })
        : renderMessage(lang, 'hint.codes', { codes }),
  };
}

const TRUE = new Set(['true', 'vrai', 'waar', 'wahr']);
const FALSE = new Set(['false', 'faux', 'onwaar', 'falsch']);

/**
 * Reads one non-empty or empty cell of a column; warnings and hints in `lang` (default: the
 * plan's language, else English).
 */
export function readCell(plan: ColumnPlan, cell: string, now: Date, lang = plan.lang): CellResult {
  // No closure and no trim unless needed: this runs for every cell of every row. A cell that
  // export neutralised ('=…) is read as the value it was.
  const raw =
    cell.charCodeAt(0) === 39 && NEUTRALISED_CELL.test(cell)
      ? cell.slice(1)
      : cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32)
        ? cell.trim()
        : cell;
  if (raw === '') return { value: undefined };
  const c = plan.column;
  switch (c.type) {
    case 'text':
      return { value: raw };
    case 'integer':
      return /^[+-]?\d+$/.test(raw)
        ? { value: Number(raw) }
        : { value: raw, hint: renderMessage(lang, 'hint.integer') };
    case 'decimal':
      return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(raw)
        ? { value: Number(raw.replace(',', '.')) }
        : { value: raw, hint: renderMessage(lang, 'hint.decimal') };
    case 'date':
      return readDate(raw, now, lang);
    case 'time': {
      const m = /^(\d{1,2}):(\d{2})(:(\d{2}))?$/.exec(raw);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
        return { value: raw, hint: renderMessage(lang, 'hint.time') };
      const v = `${pad(Number(m[1]))}:${m[2]}`;
      return m[3]
        ? {
            value: v,
            warning: { code: 'TIME_SECONDS', message: renderMessage(lang, 'TIME_SECONDS', { time: v }) },
          }
        : { value: v };
    }
    case 'boolean': {
      const l = raw.toLowerCase();
      if (l === 'true' || l === 'false') return { value: l === 'true' };
      if (raw === '1' || raw === '0')
        return {
          value: raw === '1',
          warning: {
            code: 'BOOLEAN_NUMERIC',
            message: renderMessage(lang, 'BOOLEAN_NUMERIC', { value: String(raw === '1') }),
          },
        };
      if (TRUE.has(l) || FALSE.has(l))
        return {
          value: TRUE.has(l),
          warning: {
            code: 'BOOLEAN_WORD',
            message: renderMessage(lang, 'BOOLEAN_WORD', { value: String(TRUE.has(l)) }),
          },
        };
      return { value: raw, hint: renderMessage(lang, 'hint.boolean') };
    }
    case 'choice':
      return readCode(plan, raw, lang);
    case 'multichoice': {
      const parts = raw
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const values: string[] = [];
      const warnings: string[] = [];
      let hint: string | undefined;
      for (const p of parts) {
        const r = readCode(plan, p, lang);
        values.push(r.value as string);
        if (r.warning) warnings.push(r.warning.message);
        hint ??= r.hint;
      }
      if (hint && !raw.includes('|') && /[,;/]/.test(raw))
        hint = renderMessage(lang, 'hint.multichoice', { example: raw.split(/[,;/]/).join('|') });
      // One warning per cell: each code's own sentence, listed as the language lists them.
      const warning = warnings.length
        ? warnings.reduce((first, next) => renderMessage(lang, 'CODE_LEADING_ZERO.list', { first, next }))
        : undefined;
      return {
        value: values,
        ...(hint ? { hint } : {}),
        ...(warning !== undefined ? { warning: { code: 'CODE_LEADING_ZERO', message: warning } } : {}),
      };
    }
    case 'niss': {
      if (/^\d[.,]\d+e\+?\d+$/i.test(raw))
        return {
          value: raw,
          hint: renderMessage(lang, 'hint.nissScientific'),
        };
      const n = normaliseNiss(raw);
      if (/^\d{10}$/.test(n) && isValidNiss(`0${n}`))
        return {
          value: `0${n}`,
          warning: {
            code: 'NISS_LEADING_ZERO',
            message: renderMessage(lang, 'NISS_LEADING_ZERO', { value: `0${n}` }),
          },
        };
      return /^\d{11}$/.test(n) ? { value: n } : { value: n, hint: renderMessage(lang, 'hint.niss') };
    }
  }
}

/** A value as a cell, in the HD4DP convention (the inverse of readCell). */
export function writeCell(column: CsvColumn, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (column.type) {
    case 'date': {
      const s = String(value);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      return m ? `${m[3]}/${m[2]}/${m[1]}` : s;
    }
    case 'multichoice':
      return Array.isArray(value) ? value.join('|') : String(value);
    default:
      return String(value);
  }
}

/*
 * CSV injection (OWASP): a cell that starts with = + - @ tab or carriage return is run as a
 * formula by a spreadsheet that opens the file. Every file this package writes gives such a
 * cell a leading apostrophe (papaparse's escapeFormulae, which also quotes it), and readCell
 * takes one apostrophe off again, so an export imports back to the same values. A cell that
 * already starts with apostrophes before such a character gets one more, so that reading one
 * off is exact. Plain numbers (-5, -1,5) are not formulas and are written as they are.
 */
const FORMULA_CELL = /^(?!-\d+(?:[.,]\d+)?$)'*[=+\-@\t\r]/;
const NEUTRALISED_CELL = /^'+[=+\-@\t\r]/;

/** Rows as CSV text with the HD4DP conventions: the separator given, LF, formulas neutralised. */
export function writeCsv(
  fields: readonly string[],
  rows: readonly (readonly string[])[],
  separator: string,
): string {
  const text = Papa.unparse(
    { fields: [...fields], data: rows.map((r) => [...r]) },
    { delimiter: separator, newline: '\n', escapeFormulae: FORMULA_CELL },
  );
  // Without rows papaparse ends the header with a line break of its own.
  return `${text.replace(/\n$/, '')}\n`;
}
