import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCsv, detectSeparator, parseCsvText, reparseRow } from './parse.ts';

const spectrum = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));

const ERRATA: Record<string, Record<string, string>> = {
  'location_coordinates.csv': { 'Contact Phone Number': '2095257564' },
};

describe('the parser layer on the csv-spectrum test data', () => {
  const cases = readdirSync(join(spectrum, 'csvs')).filter((f) => f.endsWith('.csv'));
  it('has the cases', () => expect(cases.length).toBeGreaterThanOrEqual(12));
  it.each(cases)('%s gives the expected records', (file) => {
    const decoded = decodeCsv(readFileSync(join(spectrum, 'csvs', file)));
    const [header, ...rows] = parseCsvText(decoded.text);
    const records = rows.map((r) => Object.fromEntries(header!.cells.map((h, i) => [h, r.cells[i]])));
    const expected = JSON.parse(
      readFileSync(join(spectrum, 'json', file.replace(/\.csv$/, '.json')), 'utf8'),
    );
    // One case's expectation is a single record rather than a list of one; its JSON also
    // disagrees with its own CSV on one value (the CSV has 2095257564): that value is checked
    // against the CSV, every other one against the JSON.
    const list = (Array.isArray(expected) ? expected : [expected]).map((r: Record<string, string>) => ({
      ...r,
      ...ERRATA[file],
    }));
    expect(records).toEqual(list);
    expect(rows.every((r) => r.errors.length === 0)).toBe(true);
  });
});

describe('decodeCsv', () => {
  it('reads UTF-8 and strips a BOM, saying so once', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('A;B\né;2\n')]);
    const d = decodeCsv(bytes);
    expect(d.text).toBe('A;B\né;2\n');
    expect(d.bom).toBe(true);
    expect(d.issues.map((i) => i.code)).toEqual(['BOM']);
  });

  it('reads windows-1252 when the bytes are not UTF-8, with one warning naming the first line', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('A;B\n1;2\n'),
      0x4c,
      0xe9,
      0x6f,
      0x3b,
      0x80,
      0x0a,
    ]);
    const d = decodeCsv(bytes);
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe('A;B\n1;2\nLéo;€\n');
    expect(d.issues).toHaveLength(1);
    expect(d.issues[0]).toMatchObject({ code: 'ENCODING_NOT_UTF8', severity: 'warning', line: 3 });
  });

  it('takes text as it is, minus a BOM', () => {
    expect(decodeCsv('\uFEFFA;B\n').text).toBe('A;B\n');
    expect(decodeCsv('A;B\n').issues).toEqual([]);
  });
});

describe('detectSeparator', () => {
  it('keeps ; silently and reports , or tab once', () => {
    expect(detectSeparator('A;B;C\n1,5;2;3')).toEqual({ separator: ';', issues: [] });
    const comma = detectSeparator('A,B,C\n1;2;3');
    expect(comma.separator).toBe(',');
    expect(comma.issues.map((i) => i.code)).toEqual(['SEPARATOR_COMMA']);
    expect(detectSeparator('A\tB\n').separator).toBe('\t');
    expect(detectSeparator('A\n1\n').separator).toBe(';');
  });
});

describe('parseCsvText', () => {
  it('gives each row the physical line it starts on, counting quoted line breaks and empty lines', () => {
    const rows = parseCsvText('A;B\r\n1;"x\r\ny;z"\r\n\r\n2;3\r\n"a\r\nb\r\nc";4\r\n5;6');
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['A', 'B']],
      [2, ['1', 'x\r\ny;z']],
      [4, ['']],
      [5, ['2', '3']],
      [6, ['a\r\nb\r\nc', '4']],
      [9, ['5', '6']],
    ]);
  });

  it('does not invent a row after the final line break', () => {
    expect(parseCsvText('A;B\n1;2\n')).toHaveLength(2);
    expect(parseCsvText('A;B\n1;2\n\n').map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('reports an unclosed quote on its row', () => {
    const rows = parseCsvText('A;B\n1;"open\n2;3\n');
    expect(rows[1]!.errors.map((e) => e.code)).toContain('MissingQuotes');
  });

  it('reads any row again from its place in the text, as it was read (an import keeps offsets, not cells)', () => {
    const texts = [
      'A;B\r\n1;"x\r\ny;z"\r\n\r\n2;3\r\n"a\r\nb";4\r\n',
      'A;B\n1;"say ""yes"""\n;\n5;6',
      'A,B\n"1,5",2\n3,"a\nb"\n',
      'A;B\n1;2\r\n3;4\n',
      'A;B\n1;"open\n2;3\n',
    ];
    for (const text of texts) {
      const separator = detectSeparator(text).separator;
      for (const row of parseCsvText(text, separator))
        expect(reparseRow(text, row.start!, row.end!, separator, row.linebreak!)).toEqual(row.cells);
    }
  });
});
