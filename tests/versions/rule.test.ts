/*
 * The compatibility rule in `check`: each version against the previous published one; a
 * version whose changes need a bigger bump than it declares is VERSION_BUMP_TOO_SMALL.
 */
import { compileDefinitions } from '@regforms/compiler';
import { type Diagnostic, formatDiagnostics } from '@regforms/definition';
import { diffVersions } from '@regforms/diff';
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS } from '../support.ts';
import { folder, L, type VersionSpec, VISIT_DATE } from './support.ts';

const why = `{ id: why, name: TX_WHY, type: text, required: true, label: ${L('Why')} }`;
const kind = (codes: string[]) =>
  `{ id: kind, name: CD_KIND, type: choice, options: [${codes.map((c) => `{ code: ${c}, label: ${L(c)} }`).join(', ')}], label: ${L('Kind')} }`;

const bumpErrors = (versions: Record<string, VersionSpec>): Diagnostic[] =>
  compileDefinitions(folder(versions)).diagnostics.filter((d) => d.code === 'VERSION_BUMP_TOO_SMALL');

describe('VERSION_BUMP_TOO_SMALL', () => {
  it('a breaking change in a minor version is an error at its version: line, with the changes and the fix', () => {
    const [d, ...more] = bumpErrors({
      '1.0.0': { fields: [VISIT_DATE] },
      '1.1.0': { fields: [VISIT_DATE, why] },
    });
    expect(more).toEqual([]);
    expect(d).toMatchObject({
      severity: 'error',
      file: 'demo/visit/1.1.0.yaml',
      line: 1,
      col: 1,
      path: 'version',
    });
    expect(d!.message).toBe(
      'demo/visit@1.1.0 is a minor bump over 1.0.0, but 1 change needs a major version: New mandatory field TX_WHY: existing records have no value for it',
    );
    expect(d!.hint).toContain(
      'Declare 2.0.0 (version: 2.0.0 in a file named 2.0.0.yaml; if registrations were made with it, leave it and publish the fix as a new version)',
    );
    expect(d!.hint).toContain("'regforms diff demo/visit@1.0.0..1.1.0'");
  });

  it('the same change declared as a major version passes', () => {
    expect(bumpErrors({ '1.0.0': { fields: [VISIT_DATE] }, '2.0.0': { fields: [VISIT_DATE, why] } })).toEqual(
      [],
    );
  });

  it('a new code in a patch version needs a minor one', () => {
    const [d] = bumpErrors({
      '1.0.0': { fields: [VISIT_DATE, kind(['A'])] },
      '1.0.1': { fields: [VISIT_DATE, kind(['A', 'B'])] },
    });
    expect(d!.message).toContain('is a patch bump over 1.0.0, but 1 change needs a minor version');
    expect(d!.hint).toContain('Declare 1.1.0');
    const [draft] = bumpErrors({
      '1.0.0': { fields: [VISIT_DATE, kind(['A'])] },
      '1.0.1': { status: 'draft', fields: [VISIT_DATE, kind(['A', 'B'])] },
    });
    expect(draft!.hint).toMatch(
      /^Declare 1\.1\.0 \(version: 1\.1\.0 in a file named 1\.1\.0\.yaml\), or undo/,
    );
  });

  it('compares with the previous published version, skipping drafts, and checks drafts too', () => {
    const errors = bumpErrors({
      '1.0.0': { fields: [VISIT_DATE, kind(['A', 'B'])] },
      // A draft in between is not a base for comparison.
      '1.1.0': { status: 'draft', fields: [VISIT_DATE, kind(['A'])] },
      '1.2.0': { fields: [VISIT_DATE, kind(['A', 'B', 'C'])] },
      '1.3.0': { status: 'draft', fields: [VISIT_DATE, kind(['A', 'C'])] },
    });
    expect(errors.map((d) => [d.file, d.message.split(':')[0]])).toEqual([
      [
        'demo/visit/1.1.0.yaml',
        'demo/visit@1.1.0 is a minor bump over 1.0.0, but 1 change needs a major version',
      ],
      [
        'demo/visit/1.3.0.yaml',
        'demo/visit@1.3.0 is a minor bump over 1.2.0, but 1 change needs a major version',
      ],
    ]);
  });

  it('lists at most five changes and counts the rest', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(
      (x) => `{ id: ${x}, name: TX_${x.toUpperCase()}, type: text, required: true, label: ${L(x)} }`,
    );
    const [d] = bumpErrors({ '1.0.0': { fields: [VISIT_DATE] }, '1.1.0': { fields: [VISIT_DATE, ...many] } });
    expect(d!.message).toContain('7 changes need a major version');
    expect(d!.message).toMatch(
      /New mandatory field TX_E: existing records have no value for it; and 2 more$/,
    );
  });

  it('a first version and a version with errors elsewhere are not compared', () => {
    expect(bumpErrors({ '1.0.0': { fields: [VISIT_DATE, why] } })).toEqual([]);
    const broken = bumpErrors({
      '1.0.0': { fields: [VISIT_DATE] },
      '1.1.0': {
        fields: [VISIT_DATE, why, `{ id: bad, name: TX_BAD, type: text, label: ${L('x')}, lable: x }`],
      },
    });
    expect(broken).toEqual([]);
  });
});

describe('the version histories in definitions/', () => {
  const result = compileDir(DEFINITIONS);
  const versionOf = (registry: string, type: string, version: string) =>
    result.definitions.registries
      .find((r) => r.id === registry)!
      .registrationTypes.find((t) => t.id === type)!
      .versions.find((v) => v.version === version)!;

  it('pass the rule: check reports nothing', () => {
    expect(formatDiagnostics(result.diagnostics)).toBe('0 errors, 0 warnings');
  });

  it.each([
    ['angio', 'hospitalisation', '1.0.0', '1.1.0', 'minor'],
    ['defibrillators', 'primo-implantation', '1.0.0', '2.0.0', 'major'],
    ['defibrillators', 'primo-implantation', '2.0.0', '2.1.0', 'minor'],
    ['spine', 'surgery', '1.0.0', '1.1.0', 'minor'],
  ])('%s/%s %s → %s needs a %s version, as declared', (registry, type, from, to, bump) => {
    const diff = diffVersions(versionOf(registry, type, from), versionOf(registry, type, to));
    expect(diff.bump).toBe(bump);
  });

  it('finds what each shipped version says it changed', () => {
    const d = (r: string, t: string, a: string, b: string) =>
      diffVersions(versionOf(r, t, a), versionOf(r, t, b)).changes.filter((c) => c.class !== 'patch');
    expect(
      d('angio', 'hospitalisation', '1.0.0', '1.1.0').map((c) => [c.kind, c.technicalName, c.property]),
    ).toEqual([['code-added', 'CD_INDICATN', '13']]);
    const primo = d('defibrillators', 'primo-implantation', '1.0.0', '2.0.0');
    expect(primo.filter((c) => c.class === 'major').map((c) => [c.kind, c.technicalName])).toEqual([
      ['field-added', 'CD_ABANTENV'],
    ]);
    expect(
      d('defibrillators', 'primo-implantation', '2.0.0', '2.1.0').map((c) => [c.kind, c.property]),
    ).toEqual([['code-added', '12']]);
    expect(
      d('spine', 'surgery', '1.0.0', '1.1.0').map((c) => [c.kind, c.fieldId || c.technicalName]),
    ).toEqual([
      ['section-visible-changed', 'bone-graft'],
      ['section-visible-changed', 'implants'],
      ['code-added', 'procedures'],
      ['field-added', 'odiPreop'],
      ['field-added', 'ndiPreop'],
    ]);
  });
});
