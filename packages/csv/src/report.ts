/*
 * The import report: one entry per data row (its physical line in the file, outcome, errors
 * and warnings per column), the file-level problems said once, and totals that add up to the
 * number of data rows. Formatters are pure functions over it.
 */

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

/** The report for people: file problems, then one line per row that is not plainly fine, then totals. */
export function formatReportText(report: ImportReport, options: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  const name = report.file.name ?? 'file';
  const { registry, registrationType, version } = report.form;
  out.push(
    `${report.dryRun ? 'Validated' : 'Imported'} ${name} against ${registry}/${registrationType}@${version}`,
  );
  for (const i of report.issues)
    out.push(
      `${name}${i.line ? `:${i.line}` : ''} ${i.severity} ${i.code}${i.column ? ` [${i.column}]` : ''} ${i.message}${i.hint ? `\n    fix: ${i.hint}` : ''}`,
    );
  for (const r of report.rows) {
    const plain = r.errors.length === 0 && r.warnings.length === 0;
    if (plain && !options.verbose && r.outcome !== 'replaced') continue;
    const what =
      r.outcome === 'rejected'
        ? 'rejected'
        : r.outcome === 'skipped-empty'
          ? 'empty line, skipped'
          : r.outcome === 'replaced'
            ? `replaced ${r.replaces?.registrationCode ?? r.replaces?.id ?? ''}${r.replaces?.line ? ` (line ${r.replaces.line})` : ''} → ${r.status}${r.registrationCode ? ` ${r.registrationCode}` : ''}`
            : `${r.outcome}${r.registrationCode ? ` ${r.registrationCode}` : ''}`;
    out.push(`${name}:${r.line} ${what}`);
    for (const e of r.errors)
      out.push(
        `    error ${e.code}${e.column ? ` [${e.column}]` : ''}${quote(e.value)} ${e.message}${e.hint ? ` (${e.hint})` : ''}`,
      );
    for (const w of r.warnings)
      out.push(
        `    warning ${w.code}${w.column ? ` [${w.column}]` : ''}${quote(w.value)} ${w.message}${w.hint ? ` (${w.hint})` : ''}`,
      );
  }
  const t = report.totals;
  out.push(
    `${t.rows} data row${t.rows === 1 ? '' : 's'}: ${t.sent} sent, ${t.draft} draft, ${t.replaced} replaced, ${t.rejected} rejected, ${t.skippedEmpty} empty skipped`,
  );
  return `${out.join('\n')}\n`;
}
