/*
 * The import report: one entry per data row (its physical line in the file, outcome, errors
 * and warnings per column), the file-level problems said once, and totals that add up to the
 * number of data rows. Formatters are pure functions over it.
 */
import { type MessageKey, type MessageParams, renderMessage } from './messages.ts';

export type Severity = 'error' | 'warning' | 'info';

/** A problem with the whole file (encoding, separator, header): reported once, not per row. */
export interface FileIssue {
  code: string;
  severity: Severity;
  message: string;
  /** Physical line in the file (1 = the header), when it has one. */
  line?: number;
  column?: string;
  hint?: string;
}

/** A problem with one cell (or the whole row when `column` is ''). */
export interface CellIssue {
  /** CSV codes are UPPER_SNAKE; validation errors carry the validator's keyword (required, enum, …). */
  code: string;
  column: string;
  /** The cell as it is in the file. */
  value?: string;
  /** In the chosen language; for validation errors, the message the form shows. */
  message: string;
  hint?: string;
}

export type RowOutcome = 'sent' | 'draft' | 'replaced' | 'rejected' | 'skipped-empty';

export interface RowReport {
  /** Physical line where the row starts (the header is line 1; quoted line breaks count). */
  line: number;
  outcome: RowOutcome;
  /** Status of the stored registration: sent or open (a replacing row says which). */
  status?: 'sent' | 'open';
  id?: string;
  registrationCode?: string;
  businessKey?: string;
  /** The registration this row replaced (same business key): stored, or an earlier row. */
  replaces?: { id: string; registrationCode?: string; status: 'sent' | 'open'; line?: number };
  errors: CellIssue[];
  warnings: CellIssue[];
}

export interface ImportTotals {
  /** Data rows: every line after the header that holds a row (empty lines included). */
  rows: number;
  sent: number;
  draft: number;
  replaced: number;
  rejected: number;
  skippedEmpty: number;
}

export interface ImportReport {
  form: { registry: string; registrationType: string; version: string };
  /**
   * Language of the messages (importCsv always sets it): the text report is said in the same
   * one. Optional for reports made before it was recorded.
   */
  lang?: string;
  /** True for `validate`: outcomes are what an import would do; nothing was written. */
  dryRun: boolean;
  file: {
    name?: string;
    bytes: number;
    encoding: 'utf-8' | 'windows-1252';
    bom: boolean;
    separator: string;
    lineEnding: 'lf' | 'crlf' | 'none';
    columns: number;
  };
  issues: FileIssue[];
  rows: RowReport[];
  totals: ImportTotals;
}

/** True when the file or a row has an error that rejected something. */
export function hasRejections(report: ImportReport): boolean {
  return report.totals.rejected > 0 || report.issues.some((i) => i.severity === 'error');
}

/** The report as JSON text (what `--json` prints). */
export function formatReportJson(report: ImportReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const quote = (v: string | undefined) =>
  v === undefined ? '' : ` '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;

/**
 * The report for people: file problems, then one line per row that is not plainly fine, then
 * totals. Its words are in `lang`, by default the report's own language (English without one).
 */
export function formatReportText(
  report: ImportReport,
  options: { verbose?: boolean; lang?: string } = {},
): string {
  const lang = options.lang ?? report.lang;
  const say = (key: MessageKey, params?: MessageParams) => renderMessage(lang, key, params);
  const out: string[] = [];
  const name = report.file.name ?? say('report.file');
  const { registry, registrationType, version } = report.form;
  const form = `${registry}/${registrationType}@${version}`;
  out.push(say(report.dryRun ? 'report.validated' : 'report.imported', { file: name, form }));
  for (const i of report.issues)
    out.push(
      `${name}${i.line ? `:${i.line}` : ''} ${say(`report.${i.severity}`)} ${i.code}${i.column ? ` [${i.column}]` : ''} ${i.message}${i.hint ? `\n    ${say('report.fix', { hint: i.hint })}` : ''}`,
    );
  for (const r of report.rows) {
    const plain = r.errors.length === 0 && r.warnings.length === 0;
    if (plain && !options.verbose && r.outcome !== 'replaced') continue;
    // The registration code a stored row got, after the words that say what happened.
    const code = r.registrationCode ? ` ${r.registrationCode}` : '';
    let what: string;
    if (r.outcome === 'rejected') what = say('report.rejected');
    else if (r.outcome === 'skipped-empty') what = say('report.skipped');
    else if (r.outcome === 'replaced') {
      const params = {
        old: r.replaces?.registrationCode ?? r.replaces?.id ?? '',
        status: say(r.status === 'open' ? 'report.status.open' : 'report.status.sent'),
      };
      what = `${
        r.replaces?.line
          ? say('report.replaced.line', { ...params, line: r.replaces.line })
          : say('report.replaced', params)
      }${code}`;
    } else what = `${say(r.outcome === 'draft' ? 'report.draft' : 'report.sent')}${code}`;
    out.push(`${name}:${r.line} ${what}`);
    for (const [severity, issues] of [
      ['report.error', r.errors],
      ['report.warning', r.warnings],
    ] as const)
      for (const e of issues)
        out.push(
          `    ${say(severity)} ${e.code}${e.column ? ` [${e.column}]` : ''}${quote(e.value)} ${e.message}${e.hint ? ` (${e.hint})` : ''}`,
        );
  }
  const t = report.totals;
  out.push(
    say('report.totals', {
      rows: t.rows,
      sent: t.sent,
      draft: t.draft,
      replaced: t.replaced,
      rejected: t.rejected,
      skipped: t.skippedEmpty,
    }),
  );
  return `${out.join('\n')}\n`;
}
