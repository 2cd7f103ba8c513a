/* `regforms diff` as a user runs it: grouped text, JSON, exit codes, usage errors with a suggestion. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.ts';

const MAIN = join(ROOT, 'packages', 'cli', 'src', 'main.ts');

function regforms(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('regforms diff', { timeout: 60_000 }, () => {
  it('prints the changes grouped by class and exits 0', () => {
    const r = regforms('diff', 'defibrillators/primo-implantation@1.0.0..2.0.0');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      'defibrillators/primo-implantation 1.0.0 → 2.0.0: 9 changes, needs a major version',
    );
    expect(r.out).toMatch(
      /major — breaking: existing drafts or records may become invalid \(1\)\n {2}field-added +CD_ABANTENV: New mandatory field CD_ABANTENV: existing records have no value for it\./,
    );
    expect(r.out).toContain('minor — compatible: existing records stay valid (6)');
    expect(r.out).toContain('patch — wording and layout only (2)');
  });

  it('--json gives the diff as data', () => {
    const r = regforms('diff', 'angio/hospitalisation@1.0.0..1.1.0', 'definitions', '--json');
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.out);
    expect(diff).toMatchObject({
      registry: 'angio',
      registrationType: 'hospitalisation',
      from: '1.0.0',
      to: '1.1.0',
    });
    expect(diff.bump).toBe('minor');
    expect(diff.changes).toContainEqual({
      kind: 'code-added',
      fieldId: 'indication',
      technicalName: 'CD_INDICATN',
      property: '13',
      after: { code: '13', label: 'Pre-operative assessment (e.g. before valve surgery or TAVI)' },
      class: 'minor',
      reason:
        "Field CD_INDICATN: new code 13 'Pre-operative assessment (e.g. before valve surgery or TAVI)' (code list ca-reason-pci → ca-reason-pci-v2); existing values stay valid.",
    });
  });

  it.each([
    [['diff'], 'diff needs <range>: <registry>/<type>@A..B'],
    [['diff', 'angio/hospitalisation@1.0.0'], "'angio/hospitalisation@1.0.0' is not <registry>/<type>@A..B"],
    [['diff', 'angoi/hospitalisation@1.0.0..1.1.0'], "No registry 'angoi' in"],
    [['diff', 'angio/hospitalization@1.0.0..1.1.0'], "Did you mean 'hospitalisation'?"],
    [
      ['diff', 'defibrillators/primo-implantation@1.0.0..3.0.0'],
      'has no version 3.0.0. Versions: 1.0.0, 2.0.0, 2.1.0 (draft).',
    ],
    [['diff', 'spine/surgery@1.0.0..1.1.0', '/nonexistent'], 'No definitions folder at /nonexistent'],
  ])('exits 2 on a usage error: %s', (args, message) => {
    const r = regforms(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain("Run 'regforms diff --help' for usage.");
  });

  it('did-you-mean names the registry', () => {
    expect(regforms('diff', 'angoi/hospitalisation@1.0.0..1.1.0').err).toContain("Did you mean 'angio'?");
  });

  it.each(['diff', 'lock'])('%s --help explains the command', (cmd) => {
    const r = regforms(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: regforms ${cmd}`);
  });
});
