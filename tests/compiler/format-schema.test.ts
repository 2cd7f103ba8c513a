/*
 * The published JSON Schemas of the format: up to date with the format table, accepted by
 * ajv, and every definition file points at the right one and validates against it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readDefinitionFiles } from '@regforms/compiler/node';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generatedFiles } from '../../scripts/generated.ts';
import { DEFINITIONS, ROOT } from '../support.ts';

const SCHEMA_DIR = join(ROOT, 'packages', 'definition', 'schema');

function kindOf(path: string): string {
  if (path.endsWith('registry.yaml')) return 'registry';
  if (path.includes('/fragments/')) return 'fragment';
  if (path.includes('/codelists/')) return 'codelist';
  return 'version';
}

describe('generated files', () => {
  it.each(Object.entries(generatedFiles()))('%s is up to date (pnpm generate)', (path, text) => {
    expect(readFileSync(join(ROOT, path), 'utf8')).toBe(text);
  });
});

describe('definitions against the published format schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = Object.fromEntries(
    ['registry', 'version', 'fragment', 'codelist'].map((k) => [
      k,
      ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, `${k}.schema.json`), 'utf8'))),
    ]),
  );
  // The YAML files; published.lock.json beside them is written by `regforms lock`, not by people.
  const files = readDefinitionFiles(DEFINITIONS).filter((f) => /\.ya?ml$/.test(f.path));

  it('covers every definition file', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [f.path, f] as const))('%s names its schema and validates', (_p, f) => {
    const kind = kindOf(f.path);
    const expected = relative(dirname(join(DEFINITIONS, f.path)), join(SCHEMA_DIR, `${kind}.schema.json`));
    expect(f.text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${expected}`);
    const validate = validators[kind]!;
    expect(validate(parse(f.text)), ajv.errorsText(validate.errors)).toBe(true);
  });
});

describe('the published schema catches what an editor should flag', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, 'version.schema.json'), 'utf8')));
  const version = (field: Record<string, unknown>) => ({
    version: '1.0.0',
    status: 'published',
    effective: '2024-01-01',
    title: { fr: 'x' },
    businessKey: ['a'],
    sections: [{ id: 's', title: { fr: 'x' }, fields: [field] }],
  });

  it('accepts a well-formed field', () => {
    expect(validate(version({ id: 'a', name: 'A', type: 'integer', min: 1, label: { fr: 'a' } }))).toBe(true);
  });

  it.each([
    ['a misspelt key', { id: 'a', name: 'A', type: 'text', lable: { fr: 'a' } }],
    ['a key of another type', { id: 'a', name: 'A', type: 'text', min: 3, label: { fr: 'a' } }],
    ['an unknown type', { id: 'a', name: 'A', type: 'bolean', label: { fr: 'a' } }],
    ['a repeat without max', { id: 'a', name: 'A', type: 'repeat', fields: [], label: { fr: 'a' } }],
  ])('rejects %s', (_what, field) => {
    expect(validate(version(field))).toBe(false);
  });
});
