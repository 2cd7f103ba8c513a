/*
 * CSV import in three stages. The file stage: decode → separator → header (papaparse finds the
 * rows). The row stage (rows.ts): each data row's cells by column type → registration data →
 * normalised and validated with the form's own compiled validator, part by part of the file,
 * on this thread or on others. The lifecycle stage: rows in file order through the
 * Registrations service (Open or Sent, business keys, the store). Every data row gets one
 * outcome; nothing in the file is dropped without a line in the report.
 */
import {
  businessKeyOf,
  type Clock,
  MemoryStore,
  type Registration,
  type RegistrationFilter,
  type RegistrationStore,
  Registrations,
  sentWithSameKey,
} from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { countIgnored, type HeaderPlan, maxColumns, planHeader } from './header.ts';
import { renderMessage } from './messages.ts';
import { decodeCsv, detectSeparator, lineEndingOf, parseRows } from './parse.ts';
import type { FileIssue, ImportReport, RowReport } from './report.ts';
import {
  type CheckedRow,
  checkRows,
  isBlank,
  type PendingRow,
  type RowJob,
  type RowJobResult,
  RowReader,
  repeatColumns,
} from './rows.ts';

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
  /** Called every 200 rows the lifecycle has taken, and once at the end. */
  onProgress?: (progress: { rows: number; totalRows: number }) => void;
  /**
   * Other threads to check the rows of a large file on (threads.ts makes them in Node); the
   * report is the same with or without them.
   */
  threads?: RowThreads;
}

/** Checks parts of a file's rows elsewhere (another thread); see threads.ts. */
export interface RowThreads {
  /** How many parts are checked at once. */
  readonly size: number;
  check(form: CompiledForm, job: RowJob): Promise<RowJobResult>;
}

/*
 * How a file's rows are cut into parts (row stage): parts of ~256 KB on this thread (progress
 * every few hundred rows, and only a part's rows alive until the lifecycle has them); on other
 * threads, four parts per thread at least, so the lifecycle starts on the first while the rest
 * are checked. Below MIN_THREADED_BYTES of rows, handing them out costs more than it saves.
 */
const PART_BYTES = 256 * 1024;
const MIN_THREADED_BYTES = 512 * 1024;

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

/** The file stage: encoding, separator, header, and where the data rows start. */
interface FileRead {
  file: ImportReport['file'];
  issues: FileIssue[];
  lang: string;
  separator: string;
  now: Date;
  header?: { cells: string[]; plan: HeaderPlan };
  /** The text after the header row, and the physical line its first row starts on. */
  body: string;
  bodyLine: number;
}

function readFile(
  form: CompiledForm,
  source: Uint8Array | string,
  options: { clock?: Clock; fileName?: string; lang?: string },
): FileRead {
  const lang = options.lang ?? form.meta.defaultLanguage;
  const decoded = decodeCsv(source, lang);
  const { text } = decoded;
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source).length : source.length;
  const issues: FileIssue[] = [...decoded.issues];
  const { separator, issues: sepIssues } = detectSeparator(text, lang);
  issues.push(...sepIssues);
  let header: FileRead['header'];
  let body = '';
  let bodyLine = 1;
  let tooWide = 0;
  parseRows(text, {
    separator,
    onRow: (parsed) => {
      // Empty lines before the header: the header is the first line with a name.
      if (isBlank(parsed.cells)) return undefined;
      const max = maxColumns(form);
      if (parsed.cells.length > max) {
        tooWide = parsed.cells.length;
        issues.push({
          code: 'TOO_MANY_COLUMNS',
          severity: 'error',
          line: parsed.line,
          message: renderMessage(lang, 'TOO_MANY_COLUMNS', { columns: parsed.cells.length, max }),
          hint: renderMessage(lang, 'TOO_MANY_COLUMNS.hint'),
        });
        return false;
      }
      const plan = planHeader(form, parsed.cells, lang);
      for (const i of plan.issues) i.line = parsed.line;
      issues.push(...plan.issues);
      header = { cells: parsed.cells, plan };
      const end = parsed.end ?? text.length;
      body = text.slice(end);
      bodyLine = parsed.line + countLineBreaks(text, parsed.start ?? 0, end);
      return false;
    },
  });
  const lineEnding = lineEndingOf(text);
  if (lineEnding === 'crlf')
    issues.push({
      code: 'LINE_ENDINGS_CRLF',
      severity: 'info',
      message: renderMessage(lang, 'LINE_ENDINGS_CRLF'),
    });
  if (!header && !tooWide)
    issues.push({
      code: 'EMPTY_FILE',
      severity: 'error',
      message: renderMessage(lang, 'EMPTY_FILE'),
      hint: renderMessage(lang, 'EMPTY_FILE.hint'),
    });
  return {
    file: {
      ...(options.fileName ? { name: options.fileName } : {}),
      bytes,
      encoding: decoded.encoding,
      bom: decoded.bom,
      separator,
      lineEnding,
      columns: header?.plan.names.length ?? tooWide,
    },
    issues,
    lang,
    separator,
    now: (options.clock ?? { now: () => new Date() }).now(),
    ...(header ? { header } : {}),
    body,
    bodyLine,
  };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Says once, after the rows, what only the rows tell: values in unread columns, no data rows. */
function finishIssues(read: FileRead, rows: number): void {
  if (!read.header) return;
  countIgnored(read.header.plan);
  if (rows === 0)
    read.issues.push({
      code: 'NO_DATA_ROWS',
      severity: 'info',
      message: renderMessage(read.lang, 'NO_DATA_ROWS'),
    });
}

export interface CsvRead {
  file: ImportReport['file'];
  issues: FileIssue[];
  /** Every data row, empty ones included, in file order. */
  rows: RowReport[];
  /** The rows that hold data, with their registration data (not yet normalised or checked). */
  pending: PendingRow[];
  /** Repeat → its first column of item 1, where errors about the repeat as a whole point. */
  repeats: Map<string, string>;
}

/**
 * Reads a CSV file against a compiled form without checking rows or touching any store:
 * decoding, separator, header, and every cell converted by its column type. Messages are in
 * `lang` (default: the form's language).
 */
export function readCsv(
  form: CompiledForm,
  source: Uint8Array | string,
  options: { clock?: Clock; fileName?: string; lang?: string } = {},
): CsvRead {
  const read = readFile(form, source, options);
  const rows: RowReport[] = [];
  const pending: PendingRow[] = [];
  if (read.header) {
    const reader = new RowReader(form, read.header.plan, read.now, {
      text: read.body,
      separator: read.separator,
    });
    reader.readAll(read.bodyLine, (p) => {
      rows.push(p.row);
      if (p.row.outcome !== 'skipped-empty') pending.push(p);
    });
    reader.ignoredValues.forEach((n, i) => {
      const slot = read.header!.plan.slots[i];
      if (slot?.kind === 'ignored') slot.values += n;
    });
  }
  finishIssues(read, rows.length);
  return { file: read.file, issues: read.issues, rows, pending, repeats: repeatColumns(form) };
}

/** The data rows cut into parts of about `bytes` (whole rows, where papaparse ends them). */
function cutParts(
  read: FileRead,
  bytes: number,
): { parts: { text: string; firstLine: number }[]; rows: number } {
  const parts: { text: string; firstLine: number }[] = [];
  let from = 0;
  let fromLine = read.bodyLine;
  let rows = 0;
  parseRows(read.body, {
    separator: read.separator,
    firstLine: read.bodyLine,
    onRow: (parsed) => {
      rows++;
      const start = parsed.start ?? 0;
      if (start - from >= bytes) {
        parts.push({ text: read.body.slice(from, start), firstLine: fromLine });
        from = start;
        fromLine = parsed.line;
      }
      return undefined;
    },
  });
  if (from < read.body.length) parts.push({ text: read.body.slice(from), firstLine: fromLine });
  return { parts, rows };
}

/** Imports (or with `dryRun`, validates) a CSV file of registrations of one compiled form. */
export async function importCsv(
  form: CompiledForm,
  input: CsvInput,
  options: ImportOptions,
): Promise<ImportReport> {
  const lang = options.lang ?? form.meta.defaultLanguage;
  const read = readFile(form, await bytesOf(input), { ...options, lang });
  const store = options.dryRun ? overlayStore(options.store) : options.store;
  const service = new Registrations(store, {
    clock: monotonic(options.clock),
    ...(options.author ? { author: options.author } : {}),
  });
  const rows: RowReport[] = [];
  if (read.header) {
    const { plan } = read.header;
    const threads = options.threads && read.body.length >= MIN_THREADED_BYTES ? options.threads : undefined;
    const cut = cutParts(
      read,
      threads ? Math.min(PART_BYTES * 4, read.body.length / (4 * threads.size)) : PART_BYTES,
    );
    const job = (part: { text: string; firstLine: number }): RowJob => ({
      formHash: form.meta.hash,
      header: read.header!.cells,
      lang,
      now: read.now.toISOString(),
      separator: read.separator,
      ...part,
    });
    // Every part is handed out at once; the lifecycle takes them in file order as they come.
    const checked: (() => Promise<RowJobResult>)[] = cut.parts.map((part) => {
      if (!threads) return async () => checkRows(form, job(part));
      const result = threads.check(form, job(part)).catch(() => checkRows(form, job(part)));
      return () => result;
    });
    const lifecycle = new Lifecycle(form, service, lang);
    await lifecycle.load();
    for (const next of checked) {
      const result = await next();
      result.ignoredValues.forEach((n, i) => {
        const slot = plan.slots[i];
        if (slot?.kind === 'ignored') slot.values += n;
      });
      for (const r of result.rows) {
        rows.push(r.row);
        await lifecycle.commit(r);
        if (rows.length % 200 === 0) options.onProgress?.({ rows: rows.length, totalRows: cut.rows });
      }
    }
    if (rows.length % 200 !== 0) options.onProgress?.({ rows: rows.length, totalRows: cut.rows });
  }
  finishIssues(read, rows.length);
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

/** The lifecycle stage: checked rows, in file order, into the store. */
class Lifecycle {
  /**
   * The newest non-deleted registration per business key, read once: each row is checked
   * against it and updated as rows are imported, so a later row replaces an earlier one.
   */
  private readonly current = new Map<string, { reg: Registration; line?: number }>();
  constructor(
    private readonly form: CompiledForm,
    private readonly service: Registrations,
    private readonly lang: string,
  ) {}

  async load(): Promise<void> {
    for (const r of await this.service.list({
      registry: this.form.meta.registry,
      registrationType: this.form.meta.registrationType,
    }))
      if (r.businessKey && r.status !== 'deleted' && !this.current.has(r.businessKey))
        this.current.set(r.businessKey, { reg: r });
  }

  async commit({ row, draft, checked }: CheckedRow): Promise<void> {
    // Empty, or its shape broken (rejected in the row stage).
    if (!checked) return;
    const { lang, service, current } = this;
    const key = businessKeyOf(this.form, checked.data);
    const previous = key ? current.get(key) : undefined;
    // A Sent registration is corrected through the registry's helpdesk: a row for the same
    // patient and date is refused, whether it would be sent or saved.
    if (previous?.reg.status === 'sent') {
      row.outcome = 'rejected';
      row.errors.push({
        code: 'SENT_WITH_SAME_KEY',
        column: this.keyColumns(checked.data),
        message: sentWithSameKey(previous.reg, lang).message,
      });
      return;
    }
    const result = await service.submit(this.form, checked.data, { send: !draft, lang, checked });
    // Not stored: a row to send with errors, which the row stage listed.
    if (!result.stored) return;
    const reg = result.registration;
    row.id = reg.id;
    row.status = reg.status === 'sent' ? 'sent' : 'open';
    if (reg.registrationCode) row.registrationCode = reg.registrationCode;
    if (reg.businessKey) row.businessKey = reg.businessKey;
    row.outcome = draft ? 'draft' : 'sent';
    if (key && previous) {
      // An Open one (stored, or an earlier row of this file) is replaced.
      const old = previous.reg;
      await service.delete(old.id);
      row.outcome = 'replaced';
      row.replaces = {
        id: old.id,
        ...(old.registrationCode ? { registrationCode: old.registrationCode } : {}),
        status: 'open',
        ...(previous.line ? { line: previous.line } : {}),
      };
    }
    if (key) current.set(key, { reg, line: row.line });
  }

  /** The columns of the business key that this row fills (the first filled of each part). */
  private keyColumns(data: Record<string, unknown>): string {
    return this.form.meta.businessKey
      .map(
        (part) =>
          (Array.isArray(part) ? part : [part]).find((n) => data[n] !== undefined && data[n] !== '') ?? '',
      )
      .filter(Boolean)
      .join(', ');
  }
}
