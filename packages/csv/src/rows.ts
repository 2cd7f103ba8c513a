/*
 * The row stage of an import: a part of the file's data rows → for each row, its report so far
 * and its checked data (cells read by column type, computed fields, hidden values removed, the
 * form's validator). A pure function of the form, the header and the text of the part: it
 * touches no store, so an import runs it on the calling thread or, for a large file, on other
 * threads (threads.ts), and the lifecycle stage (import.ts) gets the same rows either way.
 */
import { type CheckedData, checkData } from '@regforms/registrations';
import type { CompiledForm, FormError, RegistrationData } from '@regforms/runtime';
import { type CellResult, readCell } from './cells.ts';
import { type HeaderPlan, planHeader } from './header.ts';
import { type MessageKey, renderMessage } from './messages.ts';
import { type ParsedRow, parseRows, reparseRow } from './parse.ts';
import type { CellIssue, RowReport } from './report.ts';

/** A part of a file's data rows to check: everything needed to check them anywhere. */
export interface RowJob {
  /** The form's meta.hash: the form itself travels once per thread, not once per part. */
  formHash: string;
  /** The header row's cells, as the file has them. */
  header: string[];
  lang: string;
  /** The import's clock reading (ISO), shared by every part. */
  now: string;
  separator: string;
  /** The rows: whole rows of the file, in order, each with its line break. */
  text: string;
  /** Physical line of the part's first row in the file. */
  firstLine: number;
}

/** A data row after the row stage. */
export interface CheckedRow {
  row: RowReport;
  draft: boolean;
  /**
   * What the lifecycle stores (checkData for Save when STATUS is draft, for Send otherwise);
   * absent when the row is empty or its shape is broken (it is rejected as it is).
   */
  checked?: CheckedData;
}

export interface RowJobResult {
  rows: CheckedRow[];
  /** Per header position: rows with a value in a column that is not read (header.ts). */
  ignoredValues: number[];
}

/** Repeat → its first column of item 1, where errors about the repeat as a whole point. */
export function repeatColumns(form: CompiledForm): Map<string, string> {
  const repeats = new Map<string, string>();
  for (const c of form.csv.columns)
    if (c.path.length > 1 && !repeats.has(String(c.path[0]))) repeats.set(String(c.path[0]), c.column);
  return repeats;
}

/*
 * The header of the parts of one file is planned once: the plan is only read while rows are
 * checked (RowReader counts values in unread columns itself), so the parts of a file, here or
 * on a row thread, share the last plan made for their form.
 */
const lastPlan = new WeakMap<CompiledForm, { key: string; plan: HeaderPlan }>();

function headerPlanOf(form: CompiledForm, job: RowJob): HeaderPlan {
  const key = `${job.lang}\n${job.header.join('\n')}`;
  const last = lastPlan.get(form);
  if (last?.key === key) return last.plan;
  const plan = planHeader(form, job.header, job.lang);
  lastPlan.set(form, { key, plan });
  return plan;
}

/** Checks every data row of a part of a file (the row stage). */
export function checkRows(form: CompiledForm, job: RowJob): RowJobResult {
  const header = headerPlanOf(form, job);
  const reader = new RowReader(form, header, new Date(job.now), { text: job.text, separator: job.separator });
  const rows: CheckedRow[] = [];
  reader.readAll(job.firstLine, (p) => rows.push(reader.check(p)));
  return { rows, ignoredValues: reader.ignoredValues };
}

/*
 * A value quoted in the report is cut to its first 200 characters: a hostile cell of megabytes
 * would otherwise be copied into every report, JSON answer and screen that shows it.
 */
const QUOTED_VALUE = 200;

function shortenValues(row: RowReport): void {
  for (const issue of [...row.errors, ...row.warnings])
    if (issue.value !== undefined && issue.value.length > QUOTED_VALUE)
      issue.value = `${issue.value.slice(0, QUOTED_VALUE)}… (${issue.value.length.toLocaleString('en')} characters)`;
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
 * A pending row whose cells are parsed again from the text when asked for: only the few rows
 * with a problem to report quote a cell, and holding every row's array of cells meanwhile
 * (325 a row in the largest form) keeps them alive for the garbage collector to copy and
 * promote. Rows the parser complained about keep their cells as parsed.
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

/** papaparse's complaints said in the report's language; any other keeps papaparse's words. */
const PARSER_ERRORS: ReadonlySet<string> = new Set<MessageKey>(['CSV_MISSING_QUOTES', 'CSV_INVALID_QUOTES']);

/** A row of empty cells only (an empty line, or separators only). */
export function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

/** Where each position of the header goes, worked out once per file rather than per cell. */
interface RowPlan {
  /** Positions read into the data, with where their value goes. */
  reads: {
    at: number;
    plan: NonNullable<HeaderPlan['plans'][number]>;
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
  return { reads, others };
}

/** Reads and checks the data rows of one file against its header. */
export class RowReader {
  private readonly plan: RowPlan;
  private readonly repeats: Map<string, string>;
  /** Per header position: rows with a value in a column that is not read. */
  readonly ignoredValues: number[];
  constructor(
    private readonly form: CompiledForm,
    readonly header: HeaderPlan,
    private readonly now: Date,
    private readonly source: RowSource,
  ) {
    this.plan = planRows(header);
    this.repeats = repeatColumns(form);
    this.ignoredValues = header.slots.map(() => 0);
  }

  /** Reads every row of its text in order, the first starting on `firstLine` of the file. */
  readAll(firstLine: number, onRow: (p: PendingRow) => void): void {
    parseRows(this.source.text, {
      separator: this.source.separator,
      firstLine,
      onRow: (parsed) => {
        onRow(this.read(parsed));
        return undefined;
      },
    });
  }

  /** One data row → registration data, with the problems of its cells and shape. */
  read(parsed: ParsedRow): PendingRow {
    const { header, plan: rp, now } = this;
    const row: RowReport = { line: parsed.line, outcome: 'rejected', errors: [], warnings: [] };
    const pending = new ReadRow(row, header.columnAt, this.source, parsed);
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
          if (cell.trim() !== '') this.ignoredValues[i]!++;
          break;
      }
    }
    return pending;
  }

  /**
   * A read row → checked: its data normalised and validated as Save (a draft) or Send would,
   * and every message about its cells in the report. Whether it is stored is the lifecycle's.
   */
  check(p: PendingRow): CheckedRow {
    const checked = this.checkRow(p);
    shortenValues(checked.row);
    return checked;
  }

  private checkRow(p: PendingRow): CheckedRow {
    const { row } = p;
    if (row.outcome === 'skipped-empty') return { row, draft: false };
    const { form, repeats } = this;
    const { lang } = this.header;
    fillGaps(p.data, repeats);
    if (row.errors.length > 0) {
      // The row's shape is broken: it is rejected, with every error of its values too.
      const broken = checkData(form, p.data, 'send', lang);
      row.errors.push(...cellIssues(broken.errors, p, repeats, lang));
      return { row, draft: p.draft };
    }
    const checked = checkData(form, p.data, p.draft ? 'save' : 'send', lang);
    for (const column of checked.dropped)
      row.warnings.push({
        code: 'HIDDEN_VALUE_DROPPED',
        column,
        ...(rawCell(p, column) !== undefined ? { value: rawCell(p, column)! } : {}),
        message: renderMessage(lang, 'HIDDEN_VALUE_DROPPED'),
      });
    for (const c of p.computed) {
      const computed = getPath(checked.data, c.path);
      if (!sameValue(computed, c.value))
        row.warnings.push({
          code: 'COMPUTED_VALUE_REPLACED',
          column: c.column,
          value: rawCell(p, c.column) ?? String(c.value),
          message:
            computed === undefined
              ? renderMessage(lang, 'COMPUTED_VALUE_REPLACED.none')
              : renderMessage(lang, 'COMPUTED_VALUE_REPLACED', { value: String(computed) }),
        });
    }
    // A draft keeps its type errors to be fixed in the form (listed, not rejected); a row to
    // send with any error is rejected by the lifecycle (sendRegistration).
    row.errors.push(...cellIssues(checked.errors, p, repeats, lang));
    return { row, draft: p.draft, checked };
  }
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
function cellIssues(
  errors: FormError[],
  p: PendingRow,
  repeats: Map<string, string>,
  lang: string,
): CellIssue[] {
  const out: CellIssue[] = [];
  const unreadable = new Set<string>();
  // A required column the file lacks is said once for the file (header.ts); a row says it in
  // one error, with the count, rather than once per column.
  const absent: string[] = [];
  for (const e of errors) {
    const column = columnOfError(e, repeats);
    if (e.keyword === 'required' && !p.columnAt.has(column)) {
      absent.push(column);
      continue;
    }
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
  if (absent.length > 0)
    out.unshift({
      code: 'REJECTED_MISSING_COLUMNS',
      column: '',
      message: renderMessage(lang, 'REJECTED_MISSING_COLUMNS', {
        count: absent.length,
        columns: `${absent.slice(0, 10).join(', ')}${absent.length > 10 ? ', …' : ''}`,
      }),
    });
  return out;
}
