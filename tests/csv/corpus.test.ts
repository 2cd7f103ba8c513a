/* The CSV bad-input corpus: every case gives exactly its expected report (see corpus.ts). */
import { type CellIssue, type FileIssue, importCsv } from '@regforms/csv';
import { MemoryStore } from '@regforms/registrations';
import { describe, expect, it } from 'vitest';
import { compileDir } from '../support.ts';
import { CSV_DEFINITIONS, corpusCases, type ExpectedIssue, readCase } from './corpus.ts';

const form = compileDir(CSV_DEFINITIONS).forms[0]!;
const clock = { now: () => new Date('2024-10-01T08:00:00Z') };

/** The actual issue in the expected shape; the message kept only as the expected substring. */
function comparable(actual: FileIssue | CellIssue, expected: ExpectedIssue | undefined): ExpectedIssue {
  return {
    code: actual.code,
    ...('line' in actual && actual.line !== undefined ? { line: actual.line } : {}),
    ...(actual.column ? { column: actual.column } : {}),
    ...(expected?.message !== undefined
      ? { message: actual.message.includes(expected.message) ? expected.message : actual.message }
      : {}),
  };
}
const all = (actual: (FileIssue | CellIssue)[], expected: ExpectedIssue[] = []) =>
  actual.map((a, i) => comparable(a, expected[i]));

describe('CSV bad-input corpus', () => {
  const cases = corpusCases();
  it('has the cases the issue lists', () => {
    for (const c of [
      'excel-utf8-comma',
      'excel-windows-1252',
      'unknown-columns',
      'missing-columns',
      'duplicate-columns',
      'quoted-fields',
      'empty-lines',
      'ragged-rows',
      'empty-file',
      'header-only',
    ])
      expect(cases).toContain(c);
  });

  it.each(cases)('%s', async (name) => {
    const { input, expected } = readCase(name);
    const store = new MemoryStore();
    const report = await importCsv(form, input, { store, lang: 'en', clock, fileName: 'input.csv' });
    expect(report.file).toMatchObject(expected.file ?? {});
    expect(all(report.issues, expected.issues)).toEqual(expected.issues);
    expect(
      report.rows.map((r, i) => ({
        line: r.line,
        outcome: r.outcome,
        ...(r.errors.length ? { errors: all(r.errors, expected.rows[i]?.errors) } : {}),
        ...(r.warnings.length ? { warnings: all(r.warnings, expected.rows[i]?.warnings) } : {}),
      })),
    ).toEqual(expected.rows);
    expect(report.totals).toEqual(expected.totals);
    const t = report.totals;
    expect(t.sent + t.draft + t.replaced + t.rejected + t.skippedEmpty).toBe(t.rows);
    expect(t.rows).toBe(report.rows.length);
    // A file-level problem is said once, never again on a row.
    const keys = report.issues.map((i) => `${i.code}:${i.column ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    const fileCodes = new Set(report.issues.map((i) => i.code));
    for (const r of report.rows)
      for (const e of [...r.errors, ...r.warnings]) expect(fileCodes).not.toContain(e.code);
    // What was stored is what the cells say.
    for (const { line, data } of expected.registrations ?? []) {
      const row = report.rows.find((r) => r.line === line)!;
      expect((await store.get(row.id!))?.data).toMatchObject(data);
    }
  });
});
