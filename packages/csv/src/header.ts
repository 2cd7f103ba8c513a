/*
 * The header line against the compiled form's column map: which cell feeds which column,
 * and the file-level problems (unknown, missing, duplicate columns), each said once.
 */

import type { CompiledForm } from '@regforms/runtime';
import { didYouMean } from '@regforms/runtime';
import { type ColumnPlan, planColumn } from './cells.ts';
import { type MessageParams, renderMessage } from './messages.ts';
import type { FileIssue } from './report.ts';

export const STATUS_COLUMN = 'STATUS';

export type Slot =
  | { kind: 'column'; plan: ColumnPlan }
  | { kind: 'status' }
  /** A later copy of a column: its value must agree with the first one. */
  | { kind: 'duplicate'; of: number; name: string }
  /**
   * Not read: the file-level issue that says so once, how many rows had a value there, and
   * its message as the catalog has it, to say it again with that number (countIgnored).
   */
  | { kind: 'ignored'; issue: FileIssue; values: number; said: IgnoredMessage };

/** The messages of a column that is not read; each has a `.values` and a `.none` sentence. */
export interface IgnoredMessage {
  key: 'UNKNOWN_COLUMN' | 'UNKNOWN_COLUMN.guess' | 'UNKNOWN_COLUMNS' | 'EMPTY_COLUMN_NAME';
  params: MessageParams;
}

export interface HeaderPlan {
  names: string[];
  slots: Slot[];
  /** The plan of each position that is a form column (the hot path reads it directly). */
  plans: (ColumnPlan | undefined)[];
  /** Position of each column read (its first position when duplicated). */
  columnAt: Map<string, number>;
  issues: FileIssue[];
  /** Language of the issues and of every message about the rows read with this plan. */
  lang: string;
}

/**
 * Says in each "not read" issue how many rows had a value there (cells, for the issue of many
 * columns together): once per file, not per row.
 */
export function countIgnored(plan: HeaderPlan): void {
  const byIssue = new Map<FileIssue, { said: IgnoredMessage; values: number }>();
  for (const slot of plan.slots)
    if (slot.kind === 'ignored') {
      const seen = byIssue.get(slot.issue);
      if (seen) seen.values += slot.values;
      else byIssue.set(slot.issue, { said: slot.said, values: slot.values });
    }
  for (const [issue, { said, values }] of byIssue)
    issue.message = values
      ? renderMessage(plan.lang, `${said.key}.values`, { ...said.params, values })
      : renderMessage(plan.lang, `${said.key}.none`, said.params);
}

/*
 * Bounded work on a hostile header. Each of the first MAX_NAMED unknown columns gets an issue
 * of its own, with a "did you mean" (a comparison with every known column each); the rest
 * are said in one issue with their count. A header wider than maxColumns is refused before
 * any row is read: no form needs it, and every row of such a file costs that many cells.
 */
const MAX_NAMED = 50;
/** Required columns named one issue each; more are said in one issue with their count. */
const MAX_NAMED_MISSING = 10;
/** Names quoted in an issue that says many columns at once. */
const MAX_QUOTED = 10;

/** The widest header read: twice the form's columns, and at least 2,000 (docs/csv.md). */
export function maxColumns(form: CompiledForm): number {
  return Math.max(2000, 2 * (form.csv.columns.length + form.csv.control.length + 1));
}

const quoted = (names: string[], total: number) =>
  `${names.slice(0, MAX_QUOTED).join(', ')}${total > MAX_QUOTED ? ', …' : ''}`;

/**
 * Matches the header cells with the form's columns and control columns. Messages are in
 * `lang` (default: the form's language, as its validator's).
 */
export function planHeader(
  form: CompiledForm,
  header: string[],
  lang: string = form.meta.defaultLanguage,
): HeaderPlan {
  const byName = new Map(form.csv.columns.map((c) => [c.column, c]));
  const control = new Set([STATUS_COLUMN, ...form.csv.control]);
  const known = [...byName.keys(), ...control];
  const names = header.map((h) => h.trim());
  const first = new Map<string, number>();
  const slots: Slot[] = [];
  const issues: FileIssue[] = [];
  const form_ = `${form.meta.registry}/${form.meta.registrationType}@${form.meta.version}`;
  let unknown = 0;
  // The unknown columns past the first MAX_NAMED: one issue, its names filled in at the end.
  const many: string[] = [];
  const manyIssue: FileIssue = { code: 'UNKNOWN_COLUMNS', severity: 'warning', line: 1, message: '' };
  const manySaid: IgnoredMessage = { key: 'UNKNOWN_COLUMNS', params: {} };
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (name !== '' && seen !== undefined) {
      slots.push({ kind: 'duplicate', of: seen, name });
      issues.push({
        code: 'DUPLICATE_COLUMN',
        severity: 'warning',
        line: 1,
        column: name,
        message: renderMessage(lang, 'DUPLICATE_COLUMN', { column: name, first: seen + 1, second: i + 1 }),
        hint: renderMessage(lang, 'DUPLICATE_COLUMN.hint'),
      });
      return;
    }
    first.set(name, i);
    const column = byName.get(name);
    if (column) slots.push({ kind: 'column', plan: planColumn(form, column, lang) });
    else if (name === STATUS_COLUMN || control.has(name)) slots.push({ kind: 'status' });
    else {
      let issue: FileIssue;
      let said: IgnoredMessage;
      if (name === '') {
        said = { key: 'EMPTY_COLUMN_NAME', params: { position: i + 1 } };
        issue = {
          code: 'EMPTY_COLUMN_NAME',
          severity: 'warning',
          line: 1,
          message: renderMessage(lang, said.key, said.params),
          hint: renderMessage(lang, 'EMPTY_COLUMN_NAME.hint'),
        };
      } else if (unknown++ >= MAX_NAMED) {
        many.push(name);
        slots.push({ kind: 'ignored', issue: manyIssue, values: 0, said: manySaid });
        return;
      } else {
        // A guess only for names of a plausible length: each costs a comparison with every
        // known column.
        const guess = name.length <= 100 ? didYouMean(name, known) : undefined;
        const params = { column: name, form: form_ };
        said = guess
          ? { key: 'UNKNOWN_COLUMN.guess', params: { ...params, guess } }
          : { key: 'UNKNOWN_COLUMN', params };
        issue = {
          code: 'UNKNOWN_COLUMN',
          severity: 'warning',
          line: 1,
          column: name,
          message: renderMessage(lang, said.key, said.params),
          hint: guess
            ? renderMessage(lang, 'UNKNOWN_COLUMN.guess.hint', { guess })
            : renderMessage(lang, 'UNKNOWN_COLUMN.hint'),
        };
      }
      issues.push(issue);
      slots.push({ kind: 'ignored', issue, values: 0, said });
    }
  });
  if (many.length > 0) {
    manySaid.params = { count: many.length, form: form_, columns: quoted(many, many.length) };
    manyIssue.message = renderMessage(lang, 'UNKNOWN_COLUMNS', manySaid.params);
    manyIssue.hint = renderMessage(lang, 'UNKNOWN_COLUMN.hint');
    issues.push(manyIssue);
  }
  const missingRequired = form.csv.columns.filter((c) => c.required === 'always' && !first.has(c.column));
  for (const c of missingRequired.slice(0, MAX_NAMED_MISSING))
    issues.push({
      code: 'MISSING_REQUIRED_COLUMN',
      severity: 'warning',
      line: 1,
      column: c.column,
      message: renderMessage(lang, 'MISSING_REQUIRED_COLUMN', { column: c.column }),
      hint: renderMessage(lang, 'MISSING_REQUIRED_COLUMN.hint', { column: c.column }),
    });
  const moreRequired = missingRequired.slice(MAX_NAMED_MISSING);
  if (moreRequired.length > 0)
    issues.push({
      code: 'MISSING_REQUIRED_COLUMNS',
      severity: 'warning',
      line: 1,
      message: renderMessage(lang, 'MISSING_REQUIRED_COLUMNS', {
        count: moreRequired.length,
        columns: quoted(
          moreRequired.map((c) => c.column),
          moreRequired.length,
        ),
      }),
      hint: renderMessage(lang, 'MISSING_REQUIRED_COLUMNS.hint'),
    });
  const missing = form.csv.columns.filter((c) => c.required !== 'always' && !first.has(c.column));
  if (missing.length > 0)
    issues.push({
      code: 'MISSING_COLUMNS',
      severity: 'info',
      line: 1,
      message: renderMessage(lang, 'MISSING_COLUMNS', {
        count: missing.length,
        columns: quoted(
          missing.map((c) => c.column),
          missing.length,
        ),
      }),
    });
  const plans = slots.map((s) => (s.kind === 'column' ? s.plan : undefined));
  return { names, slots, plans, issues, columnAt: first, lang };
}
