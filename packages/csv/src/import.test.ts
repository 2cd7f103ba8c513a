import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { createValidator } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { exportCsv } from './export.ts';
import { importCsv } from './import.ts';
import { formatReportText } from './report.ts';
import { templateColumns } from './template.ts';

const form = compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`))
  .forms[0]!;
const clock = { now: () => new Date('2024-06-01T10:00:00Z') };
const COLUMNS = templateColumns(form);
const VALID: Record<string, string> = {
  IDC_PAT: '93.05.18-223.61',
  DT_PAT_DOB: '18/05/1993',
  DT_HOSPZ: '01/03/2024',
  CD_INDICATN: 'STABLE',
  DT_PCI_1: '02/03/2024',
  MS_PAT_HGHT: '180',
  MS_PAT_WGHT: '80,5',
};
const line = (values: Record<string, string>, columns = COLUMNS) =>
  columns.map((c) => values[c] ?? '').join(';');
const file = (...rows: Record<string, string>[]) =>
  `${[COLUMNS.join(';'), ...rows.map((r) => line(r))].join('\n')}\n`;
const run = (text: string, store = new MemoryStore(), options: { lang?: string; dryRun?: boolean } = {}) =>
  importCsv(form, text, { store, clock, lang: 'en', fileName: 'in.csv', ...options });

describe('importCsv on the demo form', () => {
  it('sends a valid row with a registration code, converting every cell by its column type', async () => {
    const store = new MemoryStore();
    const report = await run(file(VALID), store);
    expect(report.totals).toEqual({ rows: 1, sent: 1, draft: 0, replaced: 0, rejected: 0, skippedEmpty: 0 });
    expect(report.rows[0]).toMatchObject({
      line: 2,
      outcome: 'sent',
      status: 'sent',
      errors: [],
      warnings: [],
    });
    const [reg] = await store.list();
    expect(reg!.registrationCode).toBe(report.rows[0]!.registrationCode);
    expect(reg!.data).toEqual({
      IDC_PAT: '93051822361',
      DT_PAT_DOB: '1993-05-18',
      DT_HOSPZ: '2024-03-01',
      CD_INDICATN: 'STABLE',
      PCI: [{ DT_PCI: '2024-03-02' }],
      MS_PAT_HGHT: 180,
      MS_PAT_WGHT: 80.5,
      MS_PAT_BMI: 24.8,
    });
  });

  it('rejects an invalid row with every error, in the chosen language, as the form says it', async () => {
    const bad = {
      ...VALID,
      CD_INDICATN: 'Stable angina',
      MS_PAT_HGHT: '20',
      DT_PCI_1: '',
      DT_PCI_2: '32/01/2024',
    };
    const report = await run(file(bad), new MemoryStore(), { lang: 'fr' });
    const row = report.rows[0]!;
    expect(row.outcome).toBe('rejected');
    expect(row.errors.map((e) => [e.code, e.column, e.value])).toEqual([
      ['minimum', 'MS_PAT_HGHT', '20'],
      ['enum', 'CD_INDICATN', 'Stable angina'],
      ['required', 'DT_PCI_1', undefined],
      ['format', 'DT_PCI_2', '32/01/2024'],
    ]);
    // The same messages the form shows (the compiled validator's, in French).
    const formErrors = createValidator(form).validate(
      { MS_PAT_HGHT: 20, CD_INDICATN: 'Stable angina', PCI: [{}, { DT_PCI: '32/01/2024' }] },
      'fr',
    );
    for (const e of row.errors) expect(formErrors.map((f) => f.message)).toContain(e.message);
    // The hints are this package's own, in the same language as the form's messages.
    expect(row.errors[1]!.hint).toBe(
      "'Stable angina' est le libellé du code 'STABLE' : le CSV contient des codes, pas des libellés",
    );
    expect(row.errors[3]!.hint).toBe(
      "ce n'est pas une date du calendrier ; les dates sont au format dd/mm/yyyy",
    );
  });

  it('keeps STATUS=draft rows as Open registrations, type errors listed, and rejects an unknown STATUS', async () => {
    const store = new MemoryStore();
    const report = await run(
      file({ DT_HOSPZ: '01/03/2024', MS_PAT_HGHT: '20', STATUS: 'Draft' }, { ...VALID, STATUS: 'final' }),
      store,
    );
    expect(report.rows.map((r) => r.outcome)).toEqual(['draft', 'rejected']);
    expect(report.rows[0]!.errors.map((e) => [e.code, e.column])).toEqual([['minimum', 'MS_PAT_HGHT']]);
    expect(report.rows[1]!.errors[0]).toMatchObject({
      code: 'STATUS_INVALID',
      column: 'STATUS',
      value: 'final',
    });
    const [open] = await store.list();
    expect(open).toMatchObject({ status: 'open', data: { DT_HOSPZ: '2024-03-01', MS_PAT_HGHT: 20 } });
  });

  it('drops values of hidden columns with a warning per cell, and replaces given computed values', async () => {
    const report = await run(
      file({ ...VALID, TX_INDICATN_OTHER: 'not shown', TX_COMPLIC_1: 'x', MS_PAT_BMI: '30' }),
    );
    const row = report.rows[0]!;
    expect(row.outcome).toBe('sent');
    expect(row.warnings.map((w) => [w.code, w.column, w.value])).toEqual([
      ['HIDDEN_VALUE_DROPPED', 'TX_INDICATN_OTHER', 'not shown'],
      ['HIDDEN_VALUE_DROPPED', 'TX_COMPLIC_1', 'x'],
      ['COMPUTED_VALUE_REPLACED', 'MS_PAT_BMI', '30'],
    ]);
  });

  it('replaces an Open registration with the same business key; a row for a Sent one is refused (helpdesk)', async () => {
    const store = new MemoryStore();
    const service = new Registrations(store, { clock });
    const open = await service.submit(
      form,
      { IDC_PAT: '93051822361', DT_HOSPZ: '2024-03-01' },
      { send: false },
    );
    const report = await run(file(VALID, { ...VALID, MS_PAT_WGHT: '81' }), store);
    expect(report.rows.map((r) => [r.outcome, r.replaces?.id])).toEqual([
      ['replaced', open.registration.id],
      ['rejected', undefined],
    ]);
    expect(report.rows[1]!.errors.map((e) => [e.code, e.column])).toEqual([
      ['SENT_WITH_SAME_KEY', 'IDC_PAT, DT_HOSPZ'],
    ]);
    expect(report.rows[1]!.errors[0]!.message).toContain(String(report.rows[0]!.registrationCode));
    expect(report.totals).toMatchObject({ rows: 2, replaced: 1, rejected: 1, sent: 0 });
    expect((await store.get(open.registration.id))!.status).toBe('deleted');
    // The Sent registration stands as it was sent.
    expect((await store.list({ status: 'sent' })).length).toBe(1);
    expect(exportCsv(form, await store.list()).split('\n')[1]).not.toContain(';81;');
  });

  it('says once per file what is wrong with the header, and per row only where a value is concerned', async () => {
    const columns = [...COLUMNS.filter((c) => c !== 'DT_PAT_DOB'), 'DT_HOSP', 'CD_INDICATN', ''];
    const cells = columns.map((c) => ({ ...VALID, DT_HOSP: 'x' })[c] ?? '');
    cells[columns.length - 2] = 'STEMI'; // the second CD_INDICATN says something else
    const text = `${columns.join(';')}\n${cells.join(';')}\n`;
    const report = await run(text);
    expect(report.issues.map((i) => [i.code, i.column, i.line])).toEqual([
      ['UNKNOWN_COLUMN', 'DT_HOSP', 1],
      ['DUPLICATE_COLUMN', 'CD_INDICATN', 1],
      ['EMPTY_COLUMN_NAME', undefined, 1],
      ['MISSING_REQUIRED_COLUMN', 'DT_PAT_DOB', 1],
    ]);
    expect(report.issues[0]!.message).toContain('Did you mean DT_HOSPZ? (1 row has a value there)');
    expect(report.issues[2]!.message).toContain('(no row has a value there)');
    expect(report.rows[0]!.warnings).toEqual([]);
    expect(report.rows[0]!.errors.map((e) => [e.code, e.column])).toEqual([
      ['DUPLICATE_COLUMN_CONFLICT', 'CD_INDICATN'],
      ['REJECTED_MISSING_COLUMNS', ''],
    ]);
    // The row says in one error why it is rejected; the column was named once, for the file.
    expect(report.rows[0]!.errors[1]!.message).toBe(
      'Rejected: 1 required column is missing from the file (see the header): DT_PAT_DOB',
    );
  });

  it('rejects ragged rows, skips and counts empty lines, and the totals add up', async () => {
    const text = `${file(VALID)}\n;;;\n1;2\n${line({ ...VALID, IDC_PAT: '' })};;extra\n`;
    const report = await run(text);
    expect(report.rows.map((r) => [r.line, r.outcome, r.errors[0]?.code])).toEqual([
      [2, 'sent', undefined],
      [3, 'skipped-empty', undefined],
      [4, 'skipped-empty', undefined],
      [5, 'rejected', 'ROW_TOO_SHORT'],
      [6, 'rejected', 'ROW_TOO_LONG'],
    ]);
    const t = report.totals;
    expect(t.sent + t.draft + t.replaced + t.rejected + t.skippedEmpty).toBe(t.rows);
    expect(t.rows).toBe(5);
  });

  it('validate (dry run) reports what an import would do and writes nothing', async () => {
    const store = new MemoryStore();
    const report = await run(file(VALID, VALID), store, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.rows.map((r) => r.outcome)).toEqual(['sent', 'rejected']);
    expect(await store.list()).toEqual([]);
  });

  it('formats the report as text with file:line and the totals', async () => {
    const report = await run(file({ ...VALID, DT_HOSPZ: '2019-12-31' }));
    const text = formatReportText(report);
    expect(text).toContain('in.csv:2 rejected');
    expect(text).toMatch(/warning DATE_ISO \[DT_HOSPZ\] '2019-12-31' Read as 31\/12\/2019/);
    expect(text).toContain("error formatMinimum [DT_HOSPZ] '2019-12-31' Not before 2020.");
    expect(text).toContain('1 data row: 0 sent, 0 draft, 0 replaced, 1 rejected, 0 empty skipped');
  });
});
