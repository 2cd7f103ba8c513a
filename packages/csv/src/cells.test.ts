import type { CompiledForm, CsvColumn } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { planColumn, readCell, writeCell } from './cells.ts';

const form = {
  i18n: { fr: { 'CD_X.01': 'Oui', 'CD_X.02': 'Non' }, en: { 'CD_X.01': 'Yes', 'CD_X.02': 'No' } },
} as unknown as CompiledForm;
const col = (type: CsvColumn['type'], codes?: string[]): CsvColumn => ({
  column: 'CD_X',
  id: 'x',
  name: 'CD_X',
  type,
  path: ['CD_X'],
  required: 'never',
  ...(codes ? { codes } : {}),
});
const now = new Date('2024-10-01T00:00:00Z');
const read = (type: CsvColumn['type'], cell: string, codes?: string[]) =>
  readCell(planColumn(form, col(type, codes)), cell, now);

describe('readCell', () => {
  it('reads an empty or blank cell as no value, whatever the type', () => {
    for (const t of ['text', 'integer', 'date', 'choice', 'multichoice'] as const)
      expect(read(t, '  ', ['1']).value).toBeUndefined();
  });

  it('reads dates dd/mm/yyyy silently, and d/m/yy, yyyy-mm-dd, dd-mm-yyyy with a warning', () => {
    expect(read('date', '03/09/2024')).toEqual({ value: '2024-09-03' });
    expect(read('date', '3/9/2024')).toEqual({ value: '2024-09-03' });
    expect(read('date', '3/9/24')).toMatchObject({
      value: '2024-09-03',
      warning: { code: 'DATE_TWO_DIGIT_YEAR' },
    });
    expect(read('date', '3/9/45').value).toBe('1945-09-03');
    expect(read('date', '2024-09-03')).toMatchObject({ value: '2024-09-03', warning: { code: 'DATE_ISO' } });
    expect(read('date', '03-09-2024')).toMatchObject({
      value: '2024-09-03',
      warning: { code: 'DATE_SEPARATOR' },
    });
  });

  it('passes a date that is not one on as text, with the format as hint', () => {
    expect(read('date', '31/02/2024')).toMatchObject({
      value: '31/02/2024',
      hint: expect.stringContaining('dd/mm/yyyy'),
    });
    expect(read('date', 'yesterday')).toMatchObject({
      value: 'yesterday',
      hint: expect.stringContaining('dd/mm/yyyy'),
    });
  });

  it('reads decimals with . or , and whole numbers strictly', () => {
    expect(read('decimal', '12,5').value).toBe(12.5);
    expect(read('decimal', '12.5').value).toBe(12.5);
    expect(read('decimal', '-0,25').value).toBe(-0.25);
    expect(read('decimal', '1.234,5')).toMatchObject({ value: '1.234,5', hint: expect.any(String) });
    expect(read('integer', '42').value).toBe(42);
    expect(read('integer', '42,0')).toMatchObject({ value: '42,0', hint: expect.any(String) });
  });

  it('reads booleans true/false in any case; 1/0 and Excel words with a warning', () => {
    expect(read('boolean', 'TRUE')).toEqual({ value: true });
    expect(read('boolean', 'false')).toEqual({ value: false });
    expect(read('boolean', '1')).toMatchObject({ value: true, warning: { code: 'BOOLEAN_NUMERIC' } });
    expect(read('boolean', 'FAUX')).toMatchObject({ value: false, warning: { code: 'BOOLEAN_WORD' } });
    expect(read('boolean', 'ja')).toMatchObject({ value: 'ja', hint: 'true or false' });
  });

  it('reads codes; restores leading zeros Excel dropped, and says so', () => {
    expect(read('choice', '01', ['01', '02'])).toEqual({ value: '01' });
    expect(read('choice', '1', ['01', '02'])).toMatchObject({
      value: '01',
      warning: { code: 'CODE_LEADING_ZERO' },
    });
    // '1' is itself a code: never rewritten.
    expect(read('choice', '1', ['1', '01'])).toEqual({ value: '1' });
    expect(read('choice', 'm', ['M', 'F'])).toMatchObject({ value: 'M', warning: { code: 'CODE_CASE' } });
  });

  it('names the code when a label was written instead', () => {
    expect(read('choice', 'Oui', ['01', '02']).hint).toBe(
      "'Oui' is the label of code '01': the CSV carries codes, not labels",
    );
    expect(read('choice', '9', ['01', '02']).hint).toBe('allowed codes: 01, 02');
  });

  it('reads multiple choice joined by |, and hints at | when another separator was used', () => {
    expect(read('multichoice', '01|02', ['01', '02']).value).toEqual(['01', '02']);
    expect(read('multichoice', '1 | 2', ['01', '02'])).toMatchObject({
      value: ['01', '02'],
      warning: { code: 'CODE_LEADING_ZERO' },
    });
    expect(read('multichoice', '01,02', ['01', '02']).hint).toBe('join several codes with |, e.g. 01|02');
  });

  it('says its warnings and hints in the language of the plan, or of the call', () => {
    const fr = (type: CsvColumn['type'], cell: string, codes?: string[]) =>
      readCell(planColumn(form, col(type, codes), 'fr'), cell, now);
    expect(fr('date', '2024-09-03').warning).toEqual({
      code: 'DATE_ISO',
      message: 'Lu comme 03/09/2024 (année-mois-jour) ; les dates sont au format dd/mm/yyyy',
    });
    expect(fr('date', 'hier').hint).toBe('les dates sont au format dd/mm/yyyy, p. ex. 03/09/2024');
    expect(fr('choice', 'Oui', ['01', '02']).hint).toBe(
      "'Oui' est le libellé du code '01' : le CSV contient des codes, pas des libellés",
    );
    // One warning for the cell, each code's sentence listed the French way.
    expect(fr('multichoice', '1|2', ['01', '02']).warning).toEqual({
      code: 'CODE_LEADING_ZERO',
      message:
        "'1' n'est pas un code ; lu comme '01' (Excel supprime les zéros de tête : mettez la colonne au format texte) ; '2' n'est pas un code ; lu comme '02' (Excel supprime les zéros de tête : mettez la colonne au format texte)",
    });
    expect(readCell(planColumn(form, col('boolean')), 'ja', now, 'nl').hint).toBe('true of false');
    expect(readCell(planColumn(form, col('time'), 'fr'), '08:05:30', now, 'de').warning?.message).toBe(
      'Gelesen als 08:05: Sekunden werden nicht übernommen',
    );
    // Without a language, English, as before.
    expect(read('multichoice', '1|2', ['01', '02']).warning?.message).toBe(
      "'1' is not a code; read as '01' (Excel drops leading zeros: format the column as text); '2' is not a code; read as '02' (Excel drops leading zeros: format the column as text)",
    );
  });

  it('reads national numbers with or without separators, and repairs a lost leading zero', () => {
    expect(read('niss', '93.05.18-223.61')).toEqual({ value: '93051822361' });
    expect(read('niss', '93051822361')).toEqual({ value: '93051822361' });
    // 01.02.03-123.xx (born 2001): Excel wrote it as a number without the first 0.
    const niss = `010203123${String(97 - (Number('2010203123') % 97)).padStart(2, '0')}`;
    expect(read('niss', niss.slice(1))).toMatchObject({
      value: niss,
      warning: { code: 'NISS_LEADING_ZERO' },
    });
    expect(read('niss', '9.30518E+10').hint).toContain('scientific notation');
  });

  it('reads times hh:mm, h:mm, and drops seconds with a warning', () => {
    expect(read('time', '8:05')).toEqual({ value: '08:05' });
    expect(read('time', '08:05:30')).toMatchObject({ value: '08:05', warning: { code: 'TIME_SECONDS' } });
    expect(read('time', '25:00')).toMatchObject({ value: '25:00', hint: 'times are hh:mm (24 h)' });
  });
});

describe('writeCell', () => {
  it('writes the convention back: dd/mm/yyyy, codes joined by |, numbers with .', () => {
    expect(writeCell(col('date'), '2024-09-03')).toBe('03/09/2024');
    expect(writeCell(col('multichoice'), ['1', '3'])).toBe('1|3');
    expect(writeCell(col('decimal'), 12.5)).toBe('12.5');
    expect(writeCell(col('boolean'), false)).toBe('false');
    expect(writeCell(col('text'), undefined)).toBe('');
  });
});
