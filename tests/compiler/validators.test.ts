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
  createValidator,
  installValidators,
  type SchemaValidateFn,
  SEND_ONLY_KEYWORDS,
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

/** Empty, filled as a clinician would, and random (wrong types, out of range, unknown codes). */
function samplesOf(form: CompiledForm): unknown[] {
  const r = rng(7);
  return [{}, sampleData(form, 1), ...Array.from({ length: 40 }, () => randomObject(form.schema, r))];
}

describe.each(
  forms.map((f) => [`${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`, f] as const),
)('%s', (_id, form) => {
  it('validates as the run-time compilation does, with no import and no code from text', async () => {
    const code = validatorsModule(form);
    expect(code).not.toMatch(/^\s*import\b|\bnew Function\b|\beval\s*\(/m);
    const copy = structuredClone(form) as CompiledForm;
    const ahead = installValidators(copy, await load(code));
    const runtime = compileValidators(structuredClone(form) as CompiledForm);
    const samples = samplesOf(form);
    for (const data of samples) {
      expect(errorsOf(ahead.schema, data)).toBe(errorsOf(runtime.schema, data));
      expect(errorsOf(ahead.types, data)).toBe(errorsOf(runtime.types, data));
    }
    expect([...ahead.conditions.keys()]).toEqual(conditionTexts(form));
    for (const [text, holds] of ahead.conditions)
      for (const data of samples) expect(holds(data), text).toBe(runtime.conditions.get(text)!(data));
  });
});

describe.each(
  forms.map((f) => [`${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`, f] as const),
)("%s: Save's own schema", (_id, form) => {
  it("finds the full schema's errors less what only Send checks", () => {
    const v = compileValidators(structuredClone(form) as CompiledForm);
    const saveErrors = (fn: SchemaValidateFn, data: unknown) => {
      fn(data);
      // schemaPath differs (the conditions left out shift allOf's indexes); nothing reads it.
      return (fn.errors ?? [])
        .filter((e) => e.keyword !== 'if' && !SEND_ONLY_KEYWORDS.has(e.keyword))
        .map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));
    };
    for (const data of samplesOf(form)) expect(saveErrors(v.types, data)).toEqual(saveErrors(v.schema, data));
  });
});

describe('installValidators', () => {
  it('takes a module compiled before Save had a schema of its own: the full one serves Save', async () => {
    const form = forms.find((f) => f.logic.fields.some((x) => typeof x.required === 'object'))!;
    const code = validatorsModule(form).replace('    types: form.types,\n', '');
    expect(code).not.toContain('types:');
    const copy = structuredClone(form) as CompiledForm;
    const old = installValidators(copy, await load(code));
    expect(old.types).toBe(old.schema);
    expect(createValidator(copy).validateTypes({})).toEqual(
      createValidator(structuredClone(form) as CompiledForm).validateTypes({}),
    );
  });

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
