/*
 * The CSV bad-input corpus: each folder of tests/csv/corpus holds input.csv and expected.json,
 * the report the import must give for it against the fixture form in tests/csv/definitions
 * (the demo form plus a code list with leading zeros). Compared exactly on outcome, line,
 * column and code; a message is checked by substring when the expectation gives one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportReport, RowReport } from '@regforms/csv';

export const CORPUS = join(import.meta.dirname, 'corpus');
export const CSV_DEFINITIONS = join(import.meta.dirname, 'definitions');

export interface ExpectedIssue {
  code: string;
  line?: number;
  column?: string;
  /** A substring of the message. */
  message?: string;
}
export interface ExpectedRow {
  line: number;
  outcome: RowReport['outcome'];
  errors?: ExpectedIssue[];
  warnings?: ExpectedIssue[];
}
export interface ExpectedReport {
  description: string;
  issues: ExpectedIssue[];
  rows: ExpectedRow[];
  totals: ImportReport['totals'];
  file?: Partial<ImportReport['file']>;
  /** Registrations the rows must have stored (data compared as a subset). */
  registrations?: { line: number; data: Record<string, unknown> }[];
}

export function corpusCases(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function readCase(name: string): { input: Uint8Array; expected: ExpectedReport } {
  return {
    input: readFileSync(join(CORPUS, name, 'input.csv')),
    expected: JSON.parse(readFileSync(join(CORPUS, name, 'expected.json'), 'utf8')),
  };
}
