/*
 * Immutability: definitions/published.lock.json records every published version; `check`
 * fails when one changes (PUBLISHED_CHANGED), `regforms lock` records new ones and refuses to
 * overwrite a changed one. Run on temporary copies of definitions/, as a user runs the CLI.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileDefinitions, type Lock, versionKey } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import type { SourceFile } from '@regforms/definition';
import { createRegistration } from '@regforms/registrations';
import { LOCK_FILE } from '@regforms/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS, ROOT } from '../support.ts';
import { folder, L, VISIT_DATE } from './support.ts';

const MAIN = join(ROOT, 'packages', 'cli', 'src', 'main.ts');
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function regforms(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A copy of definitions/ to break. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'regforms-lock-'));
  temps.push(dir);
  cpSync(DEFINITIONS, dir, { recursive: true });
  return dir;
}

const edit = (dir: string, file: string, from: string | RegExp, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} has ${from}`).not.toBe(text);
  writeFileSync(path, next);
};

const lockOf = (dir: string): Lock => JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));

describe('the lock of definitions/', () => {
  const result = compileDir(DEFINITIONS);
  const lock = lockOf(DEFINITIONS);

  it('records every published version, with the hash its registrations carry', () => {
    const published = result.forms.filter((f) => f.meta.status === 'published');
    expect(Object.keys(lock.versions).sort()).toEqual(published.map((f) => versionKey(f.meta)).sort());
    for (const form of published) {
      const entry = lock.versions[versionKey(form.meta)]!;
      expect(entry.formHash).toBe(form.meta.hash);
      // The compiled form's hash is stored on every registration made with it.
      expect(createRegistration(form).formHash).toBe(form.meta.hash);
      const version = result.definitions.registries
        .flatMap((r) => r.registrationTypes.flatMap((t) => t.versions))
        .find((v) => versionKey(v) === versionKey(form.meta))!;
      expect(Object.keys(entry.sources).sort()).toEqual([...version.sources].sort());
      expect(entry.sources[version.file]).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('check passes on them, and the draft is not locked', () => {
    expect(result.diagnostics).toEqual([]);
    expect(lock.versions['defibrillators/primo-implantation@2.1.0']).toBeUndefined();
  });
});

// Each case runs the CLI over the whole definitions/ copy (a few seconds each).
describe('editing a published version', { timeout: 60_000 }, () => {
  it('fails check when a published version file changes, at its version: line', () => {
    const dir = copy();
    edit(dir, 'spine/surgery/1.0.0.yaml', 'en: Estimated blood loss', 'en: Blood loss (estimated)');
    const r = regforms('check', dir, '--json');
    expect(r.code).toBe(1);
    const { diagnostics } = JSON.parse(r.out);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'PUBLISHED_CHANGED',
        severity: 'error',
        file: 'spine/surgery/1.0.0.yaml',
        line: 7,
        col: 1,
        message: 'Published spine/surgery@1.0.0 changed since it was locked: this file changed',
      }),
    ]);
    expect(diagnostics[0].hint).toContain('publish the change as a new version');
  });

  // The same rules in process, on the files in memory (what `check` runs, without a process each).
  const files = readDefinitionFiles(DEFINITIONS);
  const check = (change: (f: SourceFile) => SourceFile | undefined) =>
    compileDefinitions(files.flatMap((f) => change(f) ?? [])).diagnostics;
  const replace = (path: string, from: string | RegExp, to: string) => (f: SourceFile) => {
    if (f.path !== path) return f;
    const text = f.text.replace(from, to);
    expect(text, `${path} has ${from}`).not.toBe(f.text);
    return { ...f, text };
  };

  it('fails check for every published version that uses an edited code list, naming it', () => {
    const diagnostics = check(replace('_shared/codelists/sex.yaml', /en: (")?Male\1/, 'en: Man'));
    expect(diagnostics.every((d) => d.code === 'PUBLISHED_CHANGED')).toBe(true);
    expect(diagnostics.length).toBe(21);
    expect(diagnostics[0]!.message).toContain('_shared/codelists/sex.yaml (which it uses) changed');
    // A draft may change.
    expect(diagnostics.some((d) => d.file.includes('primo-implantation/2.1.0'))).toBe(false);
  });

  it('a comment or layout change is not a change of the version', () => {
    expect(
      check(
        replace('spine/surgery/1.0.0.yaml', /^version: 1\.0\.0$/m, '# reviewed in 2025\nversion:   1.0.0'),
      ),
    ).toEqual([]);
  });

  it('marking a field as identifying the patient changes the compiled form, not the version', () => {
    const unmarked = check(replace('_shared/fragments/patient.yaml', /\n\s+identifier: true(?=\n)/, ''));
    expect(unmarked.filter((d) => d.severity === 'error')).toEqual([]);
    expect(unmarked.some((d) => d.code === 'PUBLISHED_RECOMPILED')).toBe(true);
  });

  it('deleting a published version or making it a draft again is an error at the lock entry', () => {
    const diagnostics = check((f) =>
      f.path === 'angio/hospitalisation/1.1.0.yaml'
        ? undefined
        : replace('spine/surgery/1.1.0.yaml', 'status: published', 'status: draft')(f),
    );
    expect(diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      [
        'PUBLISHED_CHANGED',
        LOCK_FILE,
        'Published angio/hospitalisation@1.1.0 is locked but its file is gone',
      ],
      [
        'PUBLISHED_CHANGED',
        LOCK_FILE,
        'Published spine/surgery@1.1.0 is a draft again (spine/surgery/1.1.0.yaml)',
      ],
    ]);
  });

  it('a lock that is not JSON is LOCK_INVALID with its position', () => {
    const diagnostics = check(replace(LOCK_FILE, '"versions": {', '"versions": {,'));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'LOCK_INVALID', file: LOCK_FILE, line: 3 }),
    ]);
  });
});

describe('regforms lock', { timeout: 60_000 }, () => {
  it('records a newly published version, then refuses to overwrite it', () => {
    const dir = copy();
    edit(dir, 'defibrillators/primo-implantation/2.1.0.yaml', 'status: draft', 'status: published');
    const check = regforms('check', dir);
    expect(check.code).toBe(0);
    expect(check.err).toMatch(
      /primo-implantation\/2\.1\.0\.yaml:6:1 warning PUBLISHED_NOT_LOCKED defibrillators\/primo-implantation@2\.1\.0 is published but not recorded/,
    );
    expect(check.err).toContain("fix: Run 'pnpm regforms lock'");

    const first = regforms('lock', dir);
    expect(first.code).toBe(0);
    expect(first.out).toContain('locked defibrillators/primo-implantation@2.1.0');
    expect(first.out).toContain('1 added, 0 refreshed, 0 refused, 22 published versions locked');
    expect(regforms('check', dir)).toMatchObject({ code: 0, err: '' });

    edit(
      dir,
      'defibrillators/codelists/icd-indication-2026.yaml',
      'en: Cardiac sarcoidosis',
      'en: Sarcoidosis',
    );
    const before = readFileSync(join(dir, LOCK_FILE), 'utf8');
    const second = regforms('lock', dir);
    expect(second.code).toBe(1);
    expect(second.out).toContain(
      'refused defibrillators/primo-implantation@2.1.0: it was published and locked, and defibrillators/codelists/icd-indication-2026.yaml changed since',
    );
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(before);
  });

  it('refreshes the form hash when only the compiled form changed (a compiler change)', () => {
    const dir = copy();
    const lock = lockOf(dir);
    const key = 'spine/surgery@1.0.0';
    const real = lock.versions[key]!.formHash;
    lock.versions[key] = {
      ...lock.versions[key]!,
      formHash: '0'.repeat(64),
      compiler: 'regforms-compiler/0.0.9',
    };
    writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`);
    const check = regforms('check', dir);
    expect(check.code).toBe(0);
    expect(check.err).toContain(
      'warning PUBLISHED_RECOMPILED The compiled form of spine/surgery@1.0.0 changed',
    );
    const r = regforms('lock', dir, '--json');
    expect(JSON.parse(r.out)).toMatchObject({ added: [], refreshed: [key], refused: [] });
    expect(lockOf(dir).versions[key]!.formHash).toBe(real);
  });

  it('creates the lock of a folder that has none, skipping versions with errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regforms-lock-'));
    temps.push(dir);
    const files = folder({
      '1.0.0': { fields: [VISIT_DATE] },
      '1.1.0': {
        fields: [VISIT_DATE, `{ id: why, name: TX_WHY, type: text, required: true, label: ${L('Why')} }`],
      },
    });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    const r = regforms('lock', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('VERSION_BUMP_TOO_SMALL');
    expect(Object.keys(lockOf(dir).versions)).toEqual(['demo/visit@1.0.0']);
    // The check of that folder now sees the lock.
    const again = compileDefinitions(readDefinitionFiles(dir)).diagnostics.map((d) => d.code);
    // 1.1.0 breaks the rule, so it is published but not locked: both are said.
    expect(again).toEqual(['VERSION_BUMP_TOO_SMALL', 'PUBLISHED_NOT_LOCKED']);
  });
});
