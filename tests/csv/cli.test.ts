/* `regforms csv …` as a user runs it: output, files, exit codes, never a stack trace. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hiddenCharacters } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.ts';
import { CORPUS, CSV_DEFINITIONS } from './corpus.ts';

const MAIN = join(ROOT, 'packages', 'cli', 'src', 'main.ts');
const TMP = mkdtempSync(join(tmpdir(), 'regforms-csv-'));

function regforms(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'csv', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // A JSON report of thousands of rows is several MB (the default cut is 1 MB).
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const demo = ['--definitions', CSV_DEFINITIONS];

// Each run starts Node with tsx and compiles a registry: seconds, not milliseconds.
describe('regforms csv', { timeout: 120_000 }, () => {
  it('template prints the header of the most recent version; --dictionary md|csv|html the dictionary', () => {
    const t = regforms('template', 'angio/hospitalisation');
    expect(t.code).toBe(0);
    expect(t.out.trim().split(';').slice(0, 3)).toEqual(['TX_AUTHOR_GR', 'TX_AUTHOR', 'TX_COAUTHOR']);
    expect(t.out.trim().endsWith(';STATUS')).toBe(true);
    const md = regforms('template', 'angio/hospitalisation@1.0.0', '--dictionary', 'md', '--lang', 'nl');
    expect(md.code).toBe(0);
    expect(md.out).toContain('# Hospitalisatie — `angio/hospitalisation@1.0.0`');
    expect(md.out).toMatch(/\| `CD_PAT_SEX` \| Geslacht \| choice \|/);
    const file = join(TMP, 'dictionary.csv');
    expect(regforms('template', 'demo/visit', ...demo, '--dictionary', 'csv', '--out', file).code).toBe(0);
    // Without --lang: the form's first language, for the dictionary's own words too.
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      'colonne;libellé;type;format;codes;obligatoire;affiché si',
    );
    expect(regforms('template', 'demo/visit', ...demo, '--dictionary', 'html').out).toContain('<table>');
  });

  it('validate prints the report, writes nothing, exits 1 when a row is rejected', () => {
    const input = join(CORPUS, 'quoted-fields', 'input.csv');
    const text = regforms('validate', 'demo/visit', input, ...demo, '--lang', 'en');
    expect(text.code).toBe(1);
    expect(text.out).toContain('Validated input.csv against demo/visit@1.0.0');
    expect(text.out).toContain(
      "input.csv:6 rejected\n    error minimum [MS_PAT_HGHT] '20' The value must be at least 50.",
    );
    expect(text.out).toContain('3 data rows: 2 sent, 0 draft, 0 replaced, 1 rejected, 0 empty skipped');
    const json = JSON.parse(regforms('validate', 'demo/visit', input, ...demo, '--json').out);
    expect(json.dryRun).toBe(true);
    expect(json.rows[2]).toMatchObject({
      line: 6,
      outcome: 'rejected',
      errors: [{ code: 'minimum', column: 'MS_PAT_HGHT' }],
    });
    expect(json.rows[2].errors[0].message).toBe('La valeur doit être au moins 50.');
    expect(
      regforms('validate', 'demo/visit', join(CORPUS, 'excel-windows-1252', 'input.csv'), ...demo).code,
    ).toBe(0);
  });

  it('import writes the store, export gives it back; importing Sent registrations again is refused (helpdesk)', () => {
    const store = join(TMP, 'store.json');
    const input = join(CORPUS, 'excel-utf8-comma', 'input.csv');
    const first = regforms('import', 'demo/visit', input, ...demo, '--store', store, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out).totals).toMatchObject({ rows: 3, sent: 3 });
    expect(JSON.parse(readFileSync(store, 'utf8')).registrations).toHaveLength(3);
    const out = join(TMP, 'export.csv');
    expect(regforms('export', 'demo/visit', ...demo, '--store', store, '--out', out).code).toBe(0);
    const exported = readFileSync(out, 'utf8');
    expect(exported.split('\n')[0]).toBe(regforms('template', 'demo/visit', ...demo).out.trim());
    expect(exported).toContain(';03/09/2024;01;08:30;180;80.5;');
    const again = regforms('import', 'demo/visit', out, ...demo, '--store', store, '--lang', 'en');
    expect(again.code).toBe(1);
    expect(again.out).toContain('3 data rows: 0 sent, 0 draft, 0 replaced, 3 rejected');
    expect(again.out).toContain("corrected through the registry's helpdesk");
    expect(JSON.parse(readFileSync(store, 'utf8')).registrations).toHaveLength(3);
  });

  it('says what is wrong with the command line, exit 2, no stack trace', () => {
    const cases: [string[], string][] = [
      [
        ['import', 'demo/visit', join(CORPUS, 'header-only', 'input.csv'), ...demo],
        'csv import needs --store',
      ],
      [['validate', 'demo/visit', join(TMP, 'nope.csv'), ...demo], 'No file'],
      [['template', 'angio/hospitalisaton'], "Did you mean 'hospitalisation'?"],
      [['template', 'angio/hospitalisation@9.9.9'], 'has no version 9.9.9'],
      [['template', 'angio/hospitalisation', '--lang', 'xx'], '--lang xx: the form has fr, nl, en, de'],
      [['template', 'angio/hospitalisation', '--dictionary', 'pdf'], 'Allowed choices are md, csv, html'],
      [['imprt', 'angio/hospitalisation'], "Did you mean 'import'?"],
      [
        ['export', 'demo/visit', ...demo, '--store', join(CORPUS, 'empty-file', 'input.csv')],
        'is not a registration store',
      ],
    ];
    for (const [args, message] of cases) {
      const r = regforms(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(regforms('--help').out).toContain('regforms csv <command>');
  });

  it('says the report in --lang, its own words as the form its messages; the form language by default', () => {
    const input = join(CORPUS, 'unknown-columns', 'input.csv');
    const nl = regforms('validate', 'demo/visit', input, ...demo, '--lang', 'nl');
    expect(nl.code).toBe(1);
    expect(nl.out.split('\n').slice(0, 3)).toEqual([
      'input.csv gecontroleerd volgens demo/visit@1.0.0',
      'input.csv:1 waarschuwing UNKNOWN_COLUMN [DT_HOSP] Kolom DT_HOSP zit niet in demo/visit@1.0.0: de waarden ervan worden niet gelezen. Bedoelde u DT_HOSPZ? (2 rijen hebben daar een waarde)',
      '    oplossing: Hernoem de kolom naar DT_HOSPZ',
    ]);
    expect(nl.out).toContain(
      'input.csv:1 waarschuwing MISSING_REQUIRED_COLUMN [DT_HOSPZ] Verplichte kolom DT_HOSPZ ontbreekt: elke rij die geen ontwerp is, wordt geweigerd',
    );
    // The missing required columns, named once for the file, make each row's one error.
    expect(nl.out).toContain(
      'input.csv:2 geweigerd\n    fout REJECTED_MISSING_COLUMNS Geweigerd: 2 verplichte kolommen ontbreken in het bestand (zie de kopregel): DT_HOSPZ, CD_INDICATN\n',
    );
    expect(nl.out).toContain(
      '2 gegevensrijen: 0 verzonden, 0 ontwerpen, 0 vervangingen, 2 geweigerd, 0 lege regels overgeslagen',
    );
    expect(nl.out).not.toMatch(/\b(warning|error|rejected|fix:|data rows)\b/);
    const json = JSON.parse(regforms('validate', 'demo/visit', input, ...demo, '--lang', 'nl', '--json').out);
    expect(json.lang).toBe('nl');
    expect(json.issues[0].hint).toBe('Hernoem de kolom naar DT_HOSPZ');
    // Without --lang: the form's first language (fr), for the validator and the report alike.
    const fr = regforms('validate', 'demo/visit', input, ...demo);
    expect(fr.out).toContain('input.csv vérifié selon demo/visit@1.0.0');
    expect(fr.out).toContain(
      "input.csv:2 rejetée\n    erreur REJECTED_MISSING_COLUMNS Rejetée : 2 colonnes obligatoires manquent dans le fichier (voir l'en-tête) : DT_HOSPZ, CD_INDICATN\n",
    );
  });

  it('shows a hostile column name or cell escaped in the text report, never raw to the terminal', () => {
    const file = join(TMP, 'hostile.csv');
    writeFileSync(file, 'DT_HOSPZ;\u001b[31mNOTE\u202e\u0007;CD_INDICATN\n\u001b[2J01/03/2024;x;STEMI\n');
    const r = regforms('validate', 'demo/visit', file, ...demo, '--lang', 'en');
    expect(r.out).toContain('UNKNOWN_COLUMN [\\u{1B}[31mNOTE\\u{202E}\\u{7}]');
    expect(r.out).toContain("'\\u{1B}[2J01/03/2024'");
    expect(hiddenCharacters(r.out)).toEqual([]);
    // --json is data: the same report, its strings escaped by JSON itself.
    const json = regforms('validate', 'demo/visit', file, ...demo, '--json');
    expect(JSON.parse(json.out).issues[0].column).toBe('\u001b[31mNOTE\u202e\u0007');
  });

  it('exits 1 on an empty file, with the reason', () => {
    const r = regforms(
      'validate',
      'demo/visit',
      join(CORPUS, 'empty-file', 'input.csv'),
      ...demo,
      '--lang',
      'en',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('error EMPTY_FILE The file is empty');
  });

  it('--progress reports the rows checked on stderr, every 200 rows, and leaves stdout to the report', () => {
    const lines = readFileSync(join(CORPUS, 'quoted-fields', 'input.csv'), 'utf8').split('\n');
    const big = join(TMP, 'big.csv');
    // 450 copies of one valid row as a draft (STATUS is the last column): the same business
    // key, so each replaces the one before (a Sent one would be refused: helpdesk).
    const draft = `${lines[1]}draft`;
    writeFileSync(big, [lines[0], ...Array.from({ length: 450 }, () => draft)].join('\n'));
    const r = regforms('validate', 'demo/visit', big, ...demo, '--progress', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.err.trim().split('\n')).toEqual([
      '200/450 rows checked',
      '400/450 rows checked',
      '450/450 rows checked',
    ]);
    expect(r.out).toContain('450 data rows: 0 sent, 1 draft, 449 replaced, 0 rejected, 0 empty skipped');
    // Off in a pipe unless asked, and only for the commands that read rows.
    expect(regforms('validate', 'demo/visit', big, ...demo).err).toBe('');
    expect(regforms('template', 'demo/visit', ...demo, '--progress').err).toContain(
      '--progress is not an option of csv template',
    );
  });

  it('checks the rows of a large file on threads (--threads N, 0 for none): the same report', () => {
    const lines = readFileSync(join(CORPUS, 'quoted-fields', 'input.csv'), 'utf8').split('\n');
    const big = join(TMP, 'threads.csv');
    // Over 512 KB of rows, so they are handed out; every 3rd row is cut short (rejected).
    const short = lines[1]!.split(';').slice(0, 3).join(';');
    // Drafts: rows with one business key replace each other instead of meeting a Sent one.
    const rows = Array.from({ length: 6000 }, (_, i) => (i % 3 === 2 ? short : `${lines[1]}draft`));
    writeFileSync(big, [lines[0], ...rows].join('\n'));
    const run = (...extra: string[]) =>
      regforms('validate', 'demo/visit', big, ...demo, '--json', '--lang', 'en', ...extra);
    const without = run('--threads', '0');
    const withThreads = run('--threads', '2');
    expect(without.code).toBe(1);
    expect(withThreads.code).toBe(1);
    const totals = (r: { out: string }) => JSON.parse(r.out).totals;
    expect(totals(withThreads)).toEqual(totals(without));
    expect(totals(without)).toMatchObject({ rows: 6000, rejected: 2000 });
    const lines_ = (r: { out: string }) =>
      JSON.parse(r.out).rows.map((x: { line: number; outcome: string }) => `${x.line} ${x.outcome}`);
    expect(lines_(withThreads)).toEqual(lines_(without));
    expect(run('--threads', 'many').err).toContain('--threads many: give a whole number, 0 or more');
  });
});
