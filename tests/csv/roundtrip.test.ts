/*
 * Template → fill → validate → import → export → import on a real definition
 * (angio/hospitalisation-pci, with its repeat of up to 5 PCI procedures), and a 7 MB file.
 */
import { exportRegistrations, importCsv, parseCsvText, templateColumns, templateCsv } from '@regforms/csv';
import { MemoryStore, type Registration } from '@regforms/registrations';
import { type CompiledForm, formatNiss, mostRecent, type RegistrationData } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { sampleCsv } from '../support/sample-csv.ts';
import { sampleData } from '../support/sample-data.ts';
import { compileDir, DEFINITIONS } from '../support.ts';

const compiled = compileDir(DEFINITIONS);
function latest(registry: string, type: string): CompiledForm {
  const t = compiled.definitions.registries
    .find((r) => r.id === registry)!
    .registrationTypes.find((x) => x.id === type)!;
  return compiled.forms.find(
    (f) => f.meta.registrationType === type && f.meta.version === mostRecent(t.versions)!.version,
  )!;
}
const form = latest('angio', 'hospitalisation-pci');
const clock = { now: () => new Date('2026-01-15T09:00:00Z') };

const at = (data: unknown, path: (string | number)[]) =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], data);
const quote = (s: string) => (/[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Fills the template as a hospital system would, independently of the export code: dates
 * dd/mm/yyyy, decimal commas, national numbers printed with separators, codes joined by |.
 */
function fill(header: string[], rows: { data: RegistrationData; status?: string }[]): string {
  const byColumn = new Map(form.csv.columns.map((c) => [c.column, c]));
  const cell = (column: string, data: RegistrationData, status?: string): string => {
    if (column === 'STATUS') return status ?? '';
    const c = byColumn.get(column)!;
    const v = at(data, c.path);
    if (v === undefined) return '';
    if (c.type === 'date') return String(v).split('-').reverse().join('/');
    if (c.type === 'decimal') return String(v).replace('.', ',');
    if (c.type === 'niss') return formatNiss(String(v));
    if (c.type === 'multichoice') return (v as string[]).join('|');
    return quote(String(v));
  };
  return `${header.join(';')}\n${rows.map((r) => header.map((h) => cell(h, r.data, r.status)).join(';')).join('\n')}\n`;
}

const view = (r: Registration) => ({ status: r.status, businessKey: r.businessKey, data: r.data });
const byKey = (a: { businessKey?: string }, b: { businessKey?: string }) =>
  (a.businessKey ?? '').localeCompare(b.businessKey ?? '');

describe('CSV round trip on angio/hospitalisation-pci', () => {
  it('template → fill → validate → import → export → import gives the same registrations', async () => {
    const header = templateCsv(form).trim().split(';');
    expect(header).toEqual(templateColumns(form));
    expect(header).toContain('DT_PCI_5');
    const samples = Array.from({ length: 12 }, (_, i) => sampleData(form, 100 + i, { awkwardText: true }));
    // Every repeat size, 1 to 5 procedures, is in the file.
    const counts = new Set(samples.map((s) => (s.PCI as unknown[]).length));
    expect(counts.size).toBeGreaterThan(2);
    const draft = { DT_HOSPZ: '2025-02-01', IDC_PAT: '93051822361', TX_AUTHOR: 'dr. draft' };
    const text = fill(header, [...samples.map((data) => ({ data })), { data: draft, status: 'draft' }]);

    const store = new MemoryStore();
    const checked = await importCsv(form, text, { store, clock, lang: 'nl', dryRun: true });
    expect(checked.rows.map((r) => r.outcome)).toEqual([...samples.map(() => 'sent'), 'draft']);
    expect(await store.list()).toEqual([]);

    const imported = await importCsv(form, text, { store, clock, lang: 'nl' });
    expect(imported.issues).toEqual([]);
    expect(imported.totals).toMatchObject({ rows: 13, sent: 12, draft: 1, rejected: 0 });
    expect(imported.rows.flatMap((r) => [...r.errors, ...r.warnings])).toEqual([]);
    const stored = await store.list();
    // Each row's data is exactly the sample it was filled from.
    for (const [i, row] of imported.rows.entries()) {
      const reg = stored.find((r) => r.id === row.id)!;
      expect(reg.data).toEqual(i < samples.length ? samples[i] : { ...draft });
    }

    const exported = await exportRegistrations(form, store);
    const again = new MemoryStore();
    const reimported = await importCsv(form, exported, { store: again, clock });
    expect(reimported.totals).toMatchObject({ rows: 13, sent: 12, draft: 1, rejected: 0 });
    expect((await again.list()).map(view).sort(byKey)).toEqual(stored.map(view).sort(byKey));
    // The export of the re-import is the same file.
    expect(await exportRegistrations(form, again)).toBe(exported);

    // Importing the export into the same store: the Sent registrations are refused (a Sent one
    // is corrected through the helpdesk), the draft is replaced; every row has a business key,
    // a patient without a national number through the pseudocode.
    expect(stored.every((r) => r.businessKey)).toBe(true);
    const again2 = await importCsv(form, exported, { store, clock });
    expect(again2.totals).toMatchObject({ rows: 13, rejected: 12, replaced: 1, sent: 0 });
    expect(
      again2.rows
        .filter((r) => r.outcome === 'rejected')
        .every((r) => r.errors[0]?.code === 'SENT_WITH_SAME_KEY'),
    ).toBe(true);
    expect(parseCsvText(await exportRegistrations(form, store))).toHaveLength(1 + 13);
  });

  it('imports a 7 MB file: every row accounted for, progress reported', async () => {
    const big = sampleCsv(form, { bytes: 7 * 1024 * 1024, seed: 3, invalidShare: 0.02 });
    const bytes = new TextEncoder().encode(big.text);
    expect(bytes.length).toBeGreaterThan(7 * 1024 * 1024);
    const progress: number[] = [];
    const report = await importCsv(form, bytes, {
      store: new MemoryStore(),
      clock,
      onProgress: (p) => progress.push(p.rows),
    });
    expect(report.issues).toEqual([]);
    expect(report.totals.rows).toBe(big.rows.length);
    expect(report.totals.rejected).toBe(big.invalid.length);
    expect(report.totals.sent + report.totals.replaced + report.totals.rejected).toBe(big.rows.length);
    expect(report.rows.filter((r) => r.outcome === 'rejected').map((r) => r.line - 2)).toEqual(big.invalid);
    expect(progress.at(-1)).toBe(big.rows.length);
    expect(progress.length).toBeGreaterThan(10);
  }, 120_000);
});
