/*
 * CSV import: decode → parse (papaparse) → header → cells by column type → registration data
 * → the Registrations service, which normalises (computed fields, hidden-field pruning) and
 * validates with the form's own compiled validator. Every data row gets one outcome; nothing
 * in the file is dropped without a line in the report.
 */
import {
  type Clock,
  MemoryStore,
  normalise,
  type Registration,
  type RegistrationFilter,
  type RegistrationStore,
  Registrations,
} from '@regforms/registrations';
import { type CompiledForm, createValidator, type FormError, type RegistrationData } from '@regforms/runtime';
import { type CellResult, type ColumnPlan, readCell } from './cells.ts';
import { countIgnored, type HeaderPlan, planHeader } from './header.ts';
import { type MessageKey, renderMessage } from './messages.ts';
import { decodeCsv, detectSeparator, type ParsedRow, parseRows, reparseRow } from './parse.ts';
import type { CellIssue, FileIssue, ImportReport, RowReport } from './report.ts';

/** What can be imported: bytes from a file or a browser File/Blob, or text already decoded. */
export type CsvInput = Uint8Array | ArrayBuffer | string | Blob;

export interface ImportOptions {
  /** Where registrations go (and where existing ones with the same business key are found). */
  store: RegistrationStore;
  /**
   * Language of every message of the report: the validator's and this package's own
   * (default: the form's, as its validator's).
   */
  lang?: string;
  /** Validate only: outcomes are computed against the store, nothing is written to it. */
  dryRun?: boolean;
  /** Shown in the report. */
  fileName?: string;
  clock?: Clock;
  author?: string;
  /** Called every few hundred rows while rows are processed. */
  onProgress?: (progress: { rows: number; totalRows: number }) => void;
}

/** Reads a Blob/File where one is given (browser), so the rest works on bytes. */
async function bytesOf(input: CsvInput): Promise<Uint8Array | string> {
  if (typeof input === 'string' || input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(await input.arrayBuffer());
}

/** Writes go to memory; reads see them over the real store: `validate` runs the import as is. */
export function overlayStore(base: RegistrationStore): RegistrationStore {
  const mem = new MemoryStore();
  return {
    get: async (id) => (await mem.get(id)) ?? base.get(id),
    list: async (filter?: RegistrationFilter) => {
      const mine = await mem.list(filter);
      const ids = new Set(mine.map((r) => r.id));
      return [...(await base.list(filter)).filter((r) => !ids.has(r.id)), ...mine];
    },
    put: async (r) => {
      if (!(await mem.get(r.id))) {
        const stored = await base.get(r.id);
        if (stored) await mem.put(stored);
      }
      await mem.put(r);
    },
  };
}

/** A clock that never repeats an instant, so "the newest wins" is decided inside one batch too. */
function monotonic(clock: Clock | undefined): Clock {
  let last = 0;
  return {
    now: () => {
      const t = Math.max((clock?.now() ?? new Date()).getTime(), last + 1);
      last = t;
      return new Date(t);
    },
  };
}

/** A data row read from the file: its report so far and the registration data of its cells. */
export interface PendingRow {
  row: RowReport;
  data: RegistrationData;
  draft: boolean;
  /** The row's cells, to quote values in errors (through the header's column positions). */
  cells: string[];
  columnAt: Map<string, number>;
  hints: Map<string, string>;
  /** Values given in computed columns, compared with what the form computes. */
  computed: { column: string; path: (string | number)[]; value: unknown }[];
}

/** Where the cells of a row are, to read them again only when a message quotes one. */
interface RowSource {
  text: string;
  separator: string;
}

/**
 * A pending row whose cells are parsed again from the text when asked for: an import keeps
 * thousands of rows until the store has them, and only the few with a problem to report quote
 * a cell. Holding every row's array of cells meanwhile (325 a row in the largest form, ~15 MB
 * of arrays for a 6 MB file) keeps them alive for the garbage collector to copy and promote.
 * Rows the parser complained about keep their cells as parsed.
 */
class ReadRow implements PendingRow {
  data: RegistrationData = {};
  draft = false;
  hints = new Map<string, string>();
  computed: PendingRow['computed'] = [];
  private parsed: string[] | undefined;
  constructor(
    readonly row: RowReport,
    readonly columnAt: Map<string, number>,
    private readonly source: RowSource,
    from: ParsedRow,
  ) {
    this.start = from.start ?? 0;
    this.end = from.end ?? 0;
    this.linebreak = from.linebreak ?? '\n';
    if (from.start === undefined || from.errors.length > 0) this.parsed = from.cells;
  }
  private readonly start: number;
  private readonly end: number;
  private readonly linebreak: string;

  get cells(): string[] {
    this.parsed ??= reparseRow(this.source.text, this.start, this.end, this.source.separator, this.linebreak);
    return this.parsed;
  }
}

/** Sets a value at a data path, creating repeat items on the way. */
function setPath(data: RegistrationData, path: (string | number)[], value: unknown): void {
  let target: Record<string | number, unknown> = data;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    let next = target[k] as Record<string | number, unknown> | undefined;
    if (next === undefined) {
      next = nextIsIndex ? ([] as unknown as Record<number, unknown>) : {};
      target[k] = next;
    }
    target = next;
  }
  target[path[path.length - 1]!] = value;
}

function getPath(data: unknown, path: (string | number)[]): unknown {
  let v = data as Record<string | number, unknown> | undefined;
  for (const k of path) v = v?.[k] as Record<string | number, unknown> | undefined;
  return v;
}

/** A repeat's items are positional in CSV (`_1`…`_n`): an item left out in between stays, empty. */
function fillGaps(data: RegistrationData, repeats: Map<string, string>): void {
  for (const r of repeats.keys()) {
    const items = data[r];
    if (Array.isArray(items)) for (let i = 0; i < items.length; i++) items[i] ??= {};
  }
}

/**
 * The CSV column an error points at: `NAME`, `NAME_n` for a repeat item's field, and the
 * first column of item 1 for the repeat as a whole (too few items).
 */
export function columnOfError(e: Pick<FormError, 'path' | 'name'>, repeats: Map<string, string>): string {
  const [head, index, field] = e.path;
  if (typeof head === 'string' && repeats.has(head))
    return typeof index === 'number' && typeof field === 'string'
      ? `${field}_${index + 1}`
      : repeats.get(head)!;
  return typeof head === 'string' ? head : e.name;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface CsvRead {
  file: ImportReport['file'];
  issues: FileIssue[];
  /** Every data row, empty ones included, in file order. */
  rows: RowReport[];
  /** The rows that hold data, with their registration data. */
  pending: PendingRow[];
  /** Repeat → its first column of item 1, where errors about the repeat as a whole point. */
  repeats: Map<string, string>;
}

/**
 * Reads a CSV file against a compiled form without touching any store: decoding, separator,
 * header, and every cell converted by its column type (the first half of an import).
 * Messages are in `lang` (default: the form's language).
 */
export function readCsv(
  form: CompiledForm,
  source: Uint8Array | string,
  options: { clock?: Clock; fileName?: string; lang?: string } = {},
): CsvRead {
  const lang = options.lang ?? form.meta.defaultLanguage;
  const decoded = decodeCsv(source, lang);
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source).length : source.length;
  const issues: FileIssue[] = [...decoded.issues];
  const { separator, issues: sepIssues } = detectSeparator(decoded.text, lang);
  issues.push(...sepIssues);
  const repeats = new Map<string, string>();
  for (const c of form.csv.columns)
    if (c.path.length > 1 && !repeats.has(String(c.path[0]))) repeats.set(String(c.path[0]), c.column);
  const now = (options.clock ?? { now: () => new Date() }).now();

  let header: HeaderPlan | undefined;
  let rowPlan: RowPlan | undefined;
  const rowSource: RowSource = { text: decoded.text, separator };
  const pending: PendingRow[] = [];
  const rows: RowReport[] = [];

  const { lineEnding } = parseRows(decoded.text, {
    separator,
    onRow: (parsed) => {
      if (!header) {
        if (isBlank(parsed.cells)) {
          // Empty lines before the header: the header is the first line with a name.
          return undefined;
        }
        header = planHeader(form, parsed.cells, lang);
        for (const i of header.issues) i.line = parsed.line;
        issues.push(...header.issues);
        return undefined;
      }
      rowPlan ??= planRows(header);
      const p = readRow(rowPlan, parsed, now, rowSource);
      rows.push(p.row);
      if (p.row.outcome !== 'skipped-empty') pending.push(p);
      return undefined;
    },
  });
  if (header) countIgnored(header);
  if (lineEnding === 'crlf')
    issues.push({
      code: 'LINE_ENDINGS_CRLF',
      severity: 'info',
      message: renderMessage(lang, 'LINE_ENDINGS_CRLF'),
    });
  if (!header)
    issues.push({
      code: 'EMPTY_FILE',
      severity: 'error',
      message: renderMessage(lang, 'EMPTY_FILE'),
      hint: renderMessage(lang, 'EMPTY_FILE.hint'),
    });
  else if (rows.length === 0)
    issues.push({
      code: 'NO_DATA_ROWS',
      severity: 'info',
      message: renderMessage(lang, 'NO_DATA_ROWS'),
    });
  return {
    file: {
      ...(options.fileName ? { name: options.fileName } : {}),
      bytes,
      encoding: decoded.encoding,
      bom: decoded.bom,
      separator,
      lineEnding,
      columns: (header as HeaderPlan | undefined)?.names.length ?? 0,
    },
    issues,
    rows,
    pending,
    repeats,
  };
}

/** Imports (or with `dryRun`, validates) a CSV file of registrations of one compiled form. */
export async function importCsv(
  form: CompiledForm,
  input: CsvInput,
  options: ImportOptions,
): Promise<ImportReport> {
  const lang = options.lang ?? form.meta.defaultLanguage;
  const read = readCsv(form, await bytesOf(input), { ...options, lang });
  const store = options.dryRun ? overlayStore(options.store) : options.store;
  const service = new Registrations(store, {
    clock: monotonic(options.clock),
    ...(options.author ? { author: options.author } : {}),
  });
  await applyLifecycle(form, service, read.pending, read.repeats, { ...options, lang });
  const { rows } = read;
  return {
    form: {
      registry: form.meta.registry,
      registrationType: form.meta.registrationType,
      version: form.meta.version,
    },
    lang,
    dryRun: options.dryRun === true,
    file: read.file,
    issues: read.issues,
    rows,
    totals: {
      rows: rows.length,
      sent: rows.filter((r) => r.outcome === 'sent').length,
      draft: rows.filter((r) => r.outcome === 'draft').length,
      replaced: rows.filter((r) => r.outcome === 'replaced').length,
      rejected: rows.filter((r) => r.outcome === 'rejected').length,
      skippedEmpty: rows.filter((r) => r.outcome === 'skipped-empty').length,
    },
  };
}

/** papaparse's complaints said in the report's language; any other keeps papaparse's words. */
const PARSER_ERRORS: ReadonlySet<string> = new Set<MessageKey>(['CSV_MISSING_QUOTES', 'CSV_INVALID_QUOTES']);

/** A row of empty cells only (an empty line, or separators only). */
function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

/** Where each position of the header goes, worked out once per file rather than per cell. */
interface RowPlan {
  header: HeaderPlan;
  /** Positions read into the data, with where their value goes. */
  reads: {
    at: number;
    plan: ColumnPlan;
    /** The data key (top level), or the repeat and item of a repeat item's field. */
    name: string;
    repeat?: string;
    item?: number;
    /** Any other path (setPath). */
    path?: (string | number)[];
  }[];
  /** Positions that are not read into the data (STATUS, copies, unknown columns). */
  others: number[];
}

function planRows(header: HeaderPlan): RowPlan {
  const reads: RowPlan['reads'] = [];
  const others: number[] = [];
  header.slots.forEach((slot, at) => {
    if (slot.kind !== 'column') {
      others.push(at);
      return;
    }
    const c = slot.plan.column;
    if (c.path.length === 1) reads.push({ at, plan: slot.plan, name: c.name });
    else if (c.path.length === 3 && typeof c.path[1] === 'number')
      reads.push({
        at,
        plan: slot.plan,
        name: String(c.path[2]),
        repeat: String(c.path[0]),
        item: c.path[1],
      });
    else reads.push({ at, plan: slot.plan, name: c.name, path: c.path });
  });
  return { header, reads, others };
}

/** One data row → registration data, with the problems of its cells and shape. */
function readRow(rp: RowPlan, parsed: ParsedRow, now: Date, source: RowSource): PendingRow {
  const { header } = rp;
  const row: RowReport = { line: parsed.line, outcome: 'rejected', errors: [], warnings: [] };
  const pending = new ReadRow(row, header.columnAt, source, parsed);
  const { cells } = parsed;
  if (isBlank(cells)) {
    row.outcome = 'skipped-empty';
    return pending;
  }
  const { lang } = header;
  for (const e of parsed.errors) {
    const code = `CSV_${e.code.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
    row.errors.push({
      code,
      column: '',
      message: PARSER_ERRORS.has(code)
        ? renderMessage(lang, code as MessageKey)
        : renderMessage(lang, 'CSV_ERROR', { message: e.message }),
      hint: renderMessage(lang, 'CSV_ERROR.hint'),
    });
  }
  const width = header.slots.length;
  if (cells.length < width)
    row.errors.push({
      code: 'ROW_TOO_SHORT',
      column: '',
      message: renderMessage(lang, 'ROW_TOO_SHORT', { cells: cells.length, width }),
      hint: renderMessage(lang, 'ROW_TOO_SHORT.hint'),
    });
  else if (cells.length > width) {
    const extra = cells.slice(width).filter((c) => c.trim() !== '');
    if (extra.length > 0)
      row.errors.push({
        code: 'ROW_TOO_LONG',
        column: '',
        value: extra.join(';'),
        message: renderMessage(lang, 'ROW_TOO_LONG', { cells: cells.length, width }),
        hint: renderMessage(lang, 'ROW_TOO_LONG.hint'),
      });
    else
      row.warnings.push({
        code: 'ROW_TRAILING_SEPARATORS',
        column: '',
        message: renderMessage(lang, 'ROW_TRAILING_SEPARATORS', { count: cells.length - width }),
      });
  }
  const data = pending.data;
  // The items of the repeat being filled: a repeat's columns are side by side.
  let repeat: string | undefined;
  let items: RegistrationData[] = [];
  for (const read of rp.reads) {
    const cell = cells[read.at];
    // Most cells of a wide form are empty: nothing to read, compare or count.
    if (cell === undefined || cell === '') continue;
    const { plan } = read;
    const c = plan.column;
    const r: CellResult = readCell(plan, cell, now);
    if (r.value === undefined) continue;
    if (c.computed) pending.computed.push({ column: c.column, path: c.path, value: r.value });
    if (read.repeat === undefined) {
      if (read.path) setPath(data, read.path, r.value);
      else data[read.name] = r.value;
    } else {
      if (read.repeat !== repeat) {
        repeat = read.repeat;
        items = (data[repeat] as RegistrationData[] | undefined) ?? [];
        data[repeat] = items;
      }
      let item = items[read.item!];
      if (!item) items[read.item!] = item = {};
      item[read.name] = r.value;
    }
    if (r.warning) row.warnings.push({ ...r.warning, column: c.column, value: cell });
    if (r.hint) pending.hints.set(c.column, r.hint);
  }
  for (const i of rp.others) {
    const cell = cells[i];
    if (cell === undefined || cell === '') continue;
    const slot = header.slots[i]!;
    switch (slot.kind) {
      case 'status': {
        const v = cell.trim().toLowerCase();
        if (v === 'draft') pending.draft = true;
        else if (v !== '' && v !== 'sent')
          row.errors.push({
            code: 'STATUS_INVALID',
            column: header.names[i]!,
            value: cell,
            message: renderMessage(lang, 'STATUS_INVALID', { value: cell.trim() }),
          });
        break;
      }
      case 'duplicate': {
        const firstCell = (cells[slot.of] ?? '').trim();
        if (cell.trim() !== '' && cell.trim() !== firstCell)
          row.errors.push({
            code: 'DUPLICATE_COLUMN_CONFLICT',
            column: slot.name,
            value: cell,
            message: renderMessage(lang, 'DUPLICATE_COLUMN_CONFLICT', {
              column: slot.name,
              first: firstCell,
              second: cell.trim(),
            }),
          });
        break;
      }
      case 'ignored':
        if (cell.trim() !== '') slot.values++;
        break;
    }
  }
  return pending;
}

/** The cell of a column as the file has it, when not empty. */
function rawCell(p: PendingRow, column: string): string | undefined {
  const i = p.columnAt.get(column);
  const cell = i === undefined ? undefined : p.cells[i];
  return cell === undefined || cell.trim() === '' ? undefined : cell;
}

/**
 * The form's errors as cell issues. A cell that could not be read gets one error, the form's
 * message for its format: rules that compare it with other fields would only add noise.
 */
function cellIssues(errors: FormError[], p: PendingRow, repeats: Map<string, string>): CellIssue[] {
  const out: CellIssue[] = [];
  const unreadable = new Set<string>();
  for (const e of errors) {
    const column = columnOfError(e, repeats);
    const value = rawCell(p, column);
    const hint = p.hints.get(column);
    if (hint) {
      if (unreadable.has(column)) continue;
      unreadable.add(column);
    }
    out.push({
      code: e.keyword,
      column,
      ...(value !== undefined ? { value } : {}),
      message: e.message,
      ...(hint ? { hint } : {}),
    });
  }
  return out;
}

async function applyLifecycle(
  form: CompiledForm,
  service: Registrations,
  pending: PendingRow[],
  repeats: Map<string, string>,
  options: ImportOptions,
): Promise<void> {
  // The newest non-deleted registration per business key, read once: each row is checked
  // against it and updated as rows are imported, so a later row replaces an earlier one.
  const current = new Map<string, { reg: Registration; line?: number }>();
  for (const r of await service.list({
    registry: form.meta.registry,
    registrationType: form.meta.registrationType,
  }))
    if (r.businessKey && r.status !== 'deleted' && !current.has(r.businessKey))
      current.set(r.businessKey, { reg: r });
  const validator = createValidator(form);
  let done = 0;
  for (const p of pending) {
    const { row } = p;
    fillGaps(p.data, repeats);
    if (++done % 200 === 0) options.onProgress?.({ rows: done, totalRows: pending.length });
    if (row.errors.length > 0) {
      // The row's shape is broken: it is rejected, with every error of its values too.
      const normalised = normalise(form, p.data);
      row.errors.push(...cellIssues(validator.validate(normalised.data, options.lang), p, repeats));
      continue;
    }
    const result = await service.submit(form, p.data, { send: !p.draft, lang: options.lang });
    const reg = result.registration;
    for (const column of reg.dropped ?? [])
      row.warnings.push({
        code: 'HIDDEN_VALUE_DROPPED',
        column,
        ...(rawCell(p, column) !== undefined ? { value: rawCell(p, column)! } : {}),
        message: renderMessage(options.lang, 'HIDDEN_VALUE_DROPPED'),
      });
    for (const c of p.computed) {
      const computed = getPath(reg.data, c.path);
      if (!sameValue(computed, c.value))
        row.warnings.push({
          code: 'COMPUTED_VALUE_REPLACED',
          column: c.column,
          value: rawCell(p, c.column) ?? String(c.value),
          message:
            computed === undefined
              ? renderMessage(options.lang, 'COMPUTED_VALUE_REPLACED.none')
              : renderMessage(options.lang, 'COMPUTED_VALUE_REPLACED', { value: String(computed) }),
        });
    }
    const errors = cellIssues(result.errors, p, repeats);
    if (!result.stored) {
      row.errors.push(...errors);
      continue;
    }
    // A draft keeps its type errors to be fixed in the form: listed, not rejected.
    row.errors.push(...errors);
    row.id = reg.id;
    row.status = reg.status === 'sent' ? 'sent' : 'open';
    if (reg.registrationCode) row.registrationCode = reg.registrationCode;
    if (reg.businessKey) row.businessKey = reg.businessKey;
    row.outcome = p.draft ? 'draft' : 'sent';
    const key = reg.businessKey;
    const previous = key ? current.get(key) : undefined;
    if (key && previous) {
      const old = previous.reg;
      if (old.status === 'sent' && p.draft)
        row.warnings.push({
          code: 'DRAFT_OF_SENT',
          column: '',
          message: renderMessage(options.lang, 'DRAFT_OF_SENT', { code: String(old.registrationCode) }),
        });
      else {
        if (old.status === 'open') await service.delete(old.id);
        row.outcome = 'replaced';
        row.replaces = {
          id: old.id,
          ...(old.registrationCode ? { registrationCode: old.registrationCode } : {}),
          status: old.status === 'sent' ? 'sent' : 'open',
          ...(previous.line ? { line: previous.line } : {}),
        };
      }
    }
    if (key && !(previous?.reg.status === 'sent' && p.draft)) current.set(key, { reg, line: row.line });
  }
  if (pending.length > 0) options.onProgress?.({ rows: pending.length, totalRows: pending.length });
}
