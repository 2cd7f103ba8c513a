/* The `regforms` CLI as a user runs it: exit codes, text and JSON output, the compile layout. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { hiddenCharacters } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { caseFiles } from '../bad-input/corpus.ts';
import { DEMO, ROOT } from '../support.ts';

const MAIN = join(ROOT, 'packages', 'cli', 'src', 'main.ts');

/** A whole definitions folder on disk: the corpus base with the unknown-key case over it. */
const BROKEN = mkdtempSync(join(tmpdir(), 'regforms-broken-'));
for (const f of caseFiles('unknown-key')) {
  mkdirSync(dirname(join(BROKEN, f.path)), { recursive: true });
  writeFileSync(join(BROKEN, f.path), f.text);
}

/** The hidden-characters case on disk: an ESC sequence and bidi controls in its texts. */
const HOSTILE = mkdtempSync(join(tmpdir(), 'regforms-hostile-'));
for (const f of caseFiles('hidden-characters')) {
  mkdirSync(dirname(join(HOSTILE, f.path)), { recursive: true });
  writeFileSync(
    join(HOSTILE, f.path),
    // A title that would recolour the terminal and rename its window.
    f.text.replace('title: { fr: Visite', 'title: { fr: "Visite \\e[31m\\e]0;pwned\\a"'),
  );
}

function regforms(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('regforms CLI', () => {
  it('check passes on a clean folder', () => {
    const r = regforms('check', DEMO);
    expect(r.code).toBe(0);
    expect(r.out).toContain('check passed: 1 version in 1 registry, 0 errors');
  });

  it('check exits 1 with file:line:col, code and fix, and never a stack trace', () => {
    const r = regforms('check', BROKEN);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/demo\/visit\/1\.0\.0\.yaml:18:9 error FORMAT_UNKNOWN_KEY Unknown key 'lable'/);
    expect(r.err).toContain('fix: Remove it or use one of:');
    expect(r.err).toContain("Did you mean 'label'?");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('shows control and bidi characters from files escaped, never raw, and warns about them with their place', () => {
    const check = regforms('check', HOSTILE);
    expect(check.err).toContain(
      'demo/visit/1.0.0.yaml:14:49 warning TEXT_HIDDEN_CHARACTER The en label holds',
    );
    expect(check.err).toContain("'CD_SMO\\u{200B}KER' is not a technical name");
    const catalog = regforms('catalog', HOSTILE);
    expect(catalog.out).toContain('Visite \\u{1B}[31m\\u{1B}]0;pwned\\u{7}');
    for (const text of [check.out, check.err, catalog.out, catalog.err])
      expect(hiddenCharacters(text)).toEqual([]);
  });

  it('check --json lists the diagnostics', () => {
    const r = regforms('check', BROKEN, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.errors).toBe(3);
    expect(out.diagnostics[0]).toMatchObject({
      code: 'FORMAT_MISSING_KEY',
      file: 'demo/visit/1.0.0.yaml',
      line: 15,
      col: 9,
    });
  });

  it('compile writes catalog.json and one form.json per version', () => {
    const out = mkdtempSync(join(tmpdir(), 'regforms-'));
    const r = regforms('compile', DEMO, '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['catalog.json', 'demo']);
    const form = JSON.parse(readFileSync(join(out, 'demo', 'visit', '1.0.0', 'form.json'), 'utf8'));
    expect(Object.keys(form)).toEqual(['meta', 'schema', 'uischema', 'i18n', 'csv', 'logic']);
    const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8'));
    expect(catalog.registries[0].registrationTypes[0].latest).toBe('1.0.0');
  });

  it('catalog --json gives registries, types, versions and the latest', () => {
    const r = regforms('catalog', '--json');
    expect(r.code).toBe(0);
    const catalog = JSON.parse(r.out);
    const primo = catalog.registries
      .find((x: { id: string }) => x.id === 'defibrillators')
      .registrationTypes.find((t: { id: string }) => t.id === 'primo-implantation');
    // 2.1.0 is a draft: newer, but never the most recent version.
    expect(
      primo.versions.map((v: { version: string; status: string }) => `${v.version} ${v.status}`),
    ).toEqual(['2.1.0 draft', '2.0.0 published', '1.0.0 published']);
    expect(primo.latest).toBe('2.0.0');
  });

  it.each([
    [['frobnicate'], "Unknown command 'frobnicate'"],
    [['compile', DEMO], 'compile needs --out <OUT> (the folder to write to)'],
    [['check', '/nonexistent/definitions'], 'No definitions folder at /nonexistent/definitions'],
    [['check', '--bogus'], "Unknown option '--bogus'"],
    [['check', DEMO, '--out', 'x'], '--out is not an option of check: it is an option of compile'],
  ])('exits 2 on a usage error: %s', (args, message) => {
    const r = regforms(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it.each(['check', 'compile', 'catalog'])('%s --help explains the command', (cmd) => {
    const r = regforms(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: regforms ${cmd}`);
  });
});
