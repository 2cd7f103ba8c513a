/*
 * How the studio's compare page presents a diff of @regforms/diff, on the real definitions:
 * the default pair of versions, the groups, the labels and values in the chosen language.
 */

import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { readDefinitions } from '@regforms/definition';
import { type Change, diffVersions } from '@regforms/diff';
import type { CompiledForm } from '@regforms/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPair, inGroup, requirednessOf, targetLabel, valueText } from './present.ts';

const DEFINITIONS = join(import.meta.dirname, '../../../definitions');
let result: ReturnType<typeof compileDefinitions>;
const form = (type: string, version: string) =>
  result.forms.find((f) => f.meta.registrationType === type && f.meta.version === version) as CompiledForm;
const words = { yes: 'oui', no: 'non', none: '—' };

function diff(registry: string, type: string, from: string, to: string) {
  const { definitions } = readDefinitions(readDefinitionFiles(DEFINITIONS));
  const versions = definitions.registries
    .find((r) => r.id === registry)!
    .registrationTypes.find((t) => t.id === type)!.versions;
  return diffVersions(versions.find((v) => v.version === from)!, versions.find((v) => v.version === to)!);
}

beforeAll(() => {
  result = compileDefinitions(readDefinitionFiles(DEFINITIONS));
});

describe('compare page presentation', () => {
  it('defaults to the published version before the most recent → the most recent', () => {
    const type = (registry: string, id: string) =>
      result.catalog.registries.find((r) => r.id === registry)!.registrationTypes.find((t) => t.id === id)!;
    // The 2.1.0 draft is higher, but the most recent version is the highest published one.
    expect(defaultPair(type('defibrillators', 'primo-implantation'))).toEqual({ from: '1.0.0', to: '2.0.0' });
    expect(defaultPair(type('angio', 'hospitalisation'))).toEqual({ from: '1.1.0', to: '2.0.0' });
    expect(defaultPair(type('angio', 'follow-up-pci'))).toEqual({ from: '1.0.0', to: '2.0.0' });
    expect(defaultPair(type('defibrillators', 'lead-replacement'))).toEqual({ from: '1.0.0', to: '1.0.1' });
    // A type with one version has nothing to compare it with.
    const single = type('defibrillators', 'lead-replacement');
    expect(
      defaultPair({ latest: '1.0.0', versions: single.versions.filter((v) => v.version === '1.0.0') }),
    ).toEqual({
      from: undefined,
      to: '1.0.0',
    });
  });

  it('groups changes, breaking first, with the form’s labels and codes in the chosen language', () => {
    const d = diff('defibrillators', 'primo-implantation', '1.0.0', '2.0.0');
    const forms = [form('primo-implantation', '2.0.0'), form('primo-implantation', '1.0.0')];
    const added = inGroup(d.changes, 'added');
    expect(added.map((c) => c.class)).toEqual([
      'major',
      'minor',
      'minor',
      'minor',
      'minor',
      'minor',
      'minor',
      'patch',
    ]);
    expect(inGroup(d.changes, 'removed')).toEqual([]);
    expect(inGroup(d.changes, 'changed').map((c) => c.kind)).toEqual(['form-text-changed']);
    const envelope = added[0]!;
    expect(envelope.technicalName).toBe('CD_ABANTENV');
    expect(targetLabel(envelope, forms, 'fr')).toMatch(/^Avez-vous utilisé une enveloppe antibactérienne/);
    expect(valueText(envelope, envelope.after, forms, 'fr', words)).toBe('choice');
    expect(requirednessOf(envelope, forms[0])).toBe('mandatory');
    expect(requirednessOf(added[1]!, forms[0])).toBe('mandatoryWhen');
    expect(targetLabel(added[7]!, forms, 'nl')).toBe('Antibacteriële envelop');

    const code = diff('defibrillators', 'primo-implantation', '2.0.0', '2.1.0').changes.find(
      (c) => c.kind === 'code-added',
    ) as Change;
    const next = [form('primo-implantation', '2.1.0'), form('primo-implantation', '2.0.0')];
    expect(valueText(code, code.after, next, 'fr', words)).toBe('12 — Sarcoïdose cardiaque');
    expect(valueText(code, code.after, next, 'en', words)).toBe('12 — Cardiac sarcoidosis');
  });

  it('says booleans, lists and missing values in words', () => {
    const c = { kind: 'required-changed', fieldId: 'x', class: 'major', reason: '' } as Change;
    expect(valueText(c, true, [], 'fr', words)).toBe('oui');
    expect(valueText(c, undefined, [], 'fr', words)).toBe('—');
    expect(valueText(c, ['1', '2'], [], 'fr', words)).toBe('1, 2');
    expect(valueText(c, { fr: 'Bonjour', en: 'Hello' }, [], 'fr', words)).toBe('Bonjour');
  });
});
