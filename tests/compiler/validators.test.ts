/*
 * The validators module `regforms compile` writes beside form.json validates exactly as the
 * run-time compilation does, for every version in definitions/ and the demo: the same errors
 * for random data, the same answer from every condition; it imports nothing and evaluates no
 * text as code (the point of it: pages under a Content Security Policy without 'unsafe-eval').
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validatorsModule } from '@regforms/compiler';
import {
  type CompiledForm,
  compileValidators,
  conditionTexts,
  installValidators,
  sampleData,
  ValidatorsMismatchError,
  type ValidatorsModule,
} from '@regforms/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { randomObject, rng } from '../support/random-data.ts';
import { compileDir, DEFINITIONS, DEMO } from '../support.ts';

const dir = mkdtempSync(join(tmpdir(), 'regforms-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function load(code: string): Promise<ValidatorsModule> {
  const file = join(dir, `v${n++}.js`);
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as ValidatorsModule;
}

const errorsOf = (fn: { (d: unknown): boolean; errors?: unknown[] | null }, data: unknown) => {
  fn(data);
  return JSON.stringify(fn.errors ?? []);
};

const forms = [...compileDir(DEMO).forms, ...compileDir(DEFINITIONS).forms];

describe.each(
  forms.map((f) => [`${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`, f] as const),
)('%s', (_id, form) => {
  it('validates as the run-time compilation does, with no import and no code from text', async () => {
    const code = validatorsModule(form);
    expect(code).not.toMatch(/^\s*import\b|\bnew Function\b|\beval\s*\(/m);
    const copy = structuredClone(form) as CompiledForm;
    const ahead = installValidators(copy, await load(code));
    const runtime = compileValidators(structuredClone(form) as CompiledForm);
    const r = rng(7);
    const samples = [
      {},
      sampleData(form, 1),
      ...Array.from({ length: 40 }, () => randomObject(form.schema, r)),
    ];
    for (const data of samples) expect(errorsOf(ahead.schema, data)).toBe(errorsOf(runtime.schema, data));
    expect([...ahead.conditions.keys()]).toEqual(conditionTexts(form));
    for (const [text, holds] of ahead.conditions)
      for (const data of samples) expect(holds(data), text).toBe(runtime.conditions.get(text)!(data));
  });
});

describe('installValidators', () => {
  it('refuses a module compiled from another form', async () => {
    const [a, b] = compileDir(DEFINITIONS).forms;
    const module = await load(validatorsModule(a!));
    expect(() => installValidators(structuredClone(b!) as CompiledForm, module)).toThrow(
      ValidatorsMismatchError,
    );
    expect(() => installValidators(structuredClone(b!) as CompiledForm, module)).toThrow(
      /compile the definitions again/,
    );
  });
});
