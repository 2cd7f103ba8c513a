/*
 * The header line against the compiled form's column map: which cell feeds which column,
 * and the file-level problems (unknown, missing, duplicate columns), each said once.
 */
import { didYouMean } from '@regforms/definition';
import type { CompiledForm } from '@regforms/runtime';
import { type ColumnPlan, planColumn } from './cells.ts';
import type { FileIssue } from './report.ts';

export const STATUS_COLUMN = 'STATUS';

export type Slot =
  | { kind: 'column'; plan: ColumnPlan }
  | { kind: 'status' }
  /** A later copy of a column: its value must agree with the first one. */
  | { kind: 'duplicate'; of: number; name: string }
  /** Not read: the file-level issue that says so once, and how many rows had a value there. */
  | { kind: 'ignored'; issue: FileIssue; values: number };

export interface HeaderPlan {
  names: string[];
  slots: Slot[];
  /** The plan of each position that is a form column (the hot path reads it directly). */
  plans: (ColumnPlan | undefined)[];
  /** Position of each column read (its first position when duplicated). */
  columnAt: Map<string, number>;
  issues: FileIssue[];
}

/** Says in each "not read" issue how many rows had a value there: once per file, not per row. */
export function countIgnored(plan: HeaderPlan): void {
  for (const slot of plan.slots)
    if (slot.kind === 'ignored')
      slot.issue.message += slot.values
        ? ` (${slot.values} row${slot.values === 1 ? ' has' : 's have'} a value there)`
        : ' (no row has a value there)';
}

/** Matches the header cells with the form's columns and control columns. */
export function planHeader(form: CompiledForm, header: string[]): HeaderPlan {
  const byName = new Map(form.csv.columns.map((c) => [c.column, c]));
  const control = new Set([STATUS_COLUMN, ...form.csv.control]);
  const known = [...byName.keys(), ...control];
  const names = header.map((h) => h.trim());
  const first = new Map<string, number>();
  const slots: Slot[] = [];
  const issues: FileIssue[] = [];
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (name !== '' && seen !== undefined) {
      slots.push({ kind: 'duplicate', of: seen, name });
      issues.push({
        code: 'DUPLICATE_COLUMN',
        severity: 'warning',
        line: 1,
        column: name,
        message: `Column ${name} appears more than once (positions ${seen + 1} and ${i + 1}): the first is read; a row where the copies differ is rejected`,
        hint: 'Keep one column per technical name',
      });
      return;
    }
    first.set(name, i);
    const column = byName.get(name);
    if (column) slots.push({ kind: 'column', plan: planColumn(form, column) });
    else if (name === STATUS_COLUMN || control.has(name)) slots.push({ kind: 'status' });
    else {
      let issue: FileIssue;
      if (name === '')
        issue = {
          code: 'EMPTY_COLUMN_NAME',
          severity: 'warning',
          line: 1,
          message: `Header cell ${i + 1} is empty: that column is not read`,
          hint: 'Remove the column, or trailing separators at the end of the header',
        };
      else {
        const guess = didYouMean(name, known);
        issue = {
          code: 'UNKNOWN_COLUMN',
          severity: 'warning',
          line: 1,
          column: name,
          message: `Column ${name} is not in ${form.meta.registry}/${form.meta.registrationType}@${form.meta.version}: its values are not read${guess ? `. Did you mean ${guess}?` : ''}`,
          hint: guess ? `Rename the column to ${guess}` : 'Use the technical names of the template',
        };
      }
      issues.push(issue);
      slots.push({ kind: 'ignored', issue, values: 0 });
    }
  });
  const missingRequired = form.csv.columns.filter((c) => c.required === 'always' && !first.has(c.column));
  for (const c of missingRequired)
    issues.push({
      code: 'MISSING_REQUIRED_COLUMN',
      severity: 'warning',
      line: 1,
      column: c.column,
      message: `Required column ${c.column} is missing: every row that is not a draft is rejected`,
      hint: `Add the column ${c.column} (see the template)`,
    });
  const missing = form.csv.columns.filter((c) => c.required !== 'always' && !first.has(c.column));
  if (missing.length > 0)
    issues.push({
      code: 'MISSING_COLUMNS',
      severity: 'info',
      line: 1,
      message: `${missing.length} optional or conditional column${missing.length === 1 ? ' is' : 's are'} not in the file (read as empty): ${missing
        .slice(0, 10)
        .map((c) => c.column)
        .join(', ')}${missing.length > 10 ? ', …' : ''}`,
    });
  const plans = slots.map((s) => (s.kind === 'column' ? s.plan : undefined));
  return { names, slots, plans, issues, columnAt: first };
}
