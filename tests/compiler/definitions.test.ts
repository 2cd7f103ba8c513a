/*
 * definitions/ is the golden corpus: every version compiles without a diagnostic, every
 * compiled schema is valid JSON Schema and compiles in strict ajv, every UI scope resolves.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostics } from '@regforms/definition';
import { type CompiledForm, createAjv } from '@regforms/runtime';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS, DEMO } from '../support.ts';

function versionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const reg of readdirSync(dir)) {
    if (reg.startsWith('_') || reg.includes('.')) continue;
    for (const type of readdirSync(join(dir, reg))) {
      if (['fragments', 'codelists', 'registry.yaml'].includes(type)) continue;
      for (const v of readdirSync(join(dir, reg, type))) out.push(`${reg}/${type}/${v}`);
    }
  }
  return out.sort();
}

/** Walks a UI schema, resolving each Control scope against the schema it lives in. */
function unresolvedScopes(form: CompiledForm): string[] {
  const bad: string[] = [];
  const walk = (el: Record<string, unknown>, schema: Record<string, unknown>) => {
    if (el.type === 'Control') {
      const name = String(el.scope).replace('#/properties/', '');
      const prop = (schema.properties as Record<string, Record<string, unknown>>)[name];
      if (!prop) bad.push(String(el.scope));
      const detail = (el.options as { detail?: Record<string, unknown> } | undefined)?.detail;
      if (detail && prop) walk(detail, prop.items as Record<string, unknown>);
    }
    for (const child of (el.elements as Record<string, unknown>[] | undefined) ?? []) walk(child, schema);
  };
  walk(form.uischema, form.schema);
  return bad;
}

function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('niss', /^\d{11}$/);
  return ajv;
}

describe.each([
  ['definitions/', DEFINITIONS],
  ['tests/fixtures/demo', DEMO],
])('%s', (_label, dir) => {
  const result = compileDir(dir);

  it('checks without any diagnostic', () => {
    expect(formatDiagnostics(result.diagnostics)).toBe('0 errors, 0 warnings');
  });

  it('compiles every version file', () => {
    const compiled = result.forms.map(
      (f) => `${f.meta.registry}/${f.meta.registrationType}/${f.meta.version}.yaml`,
    );
    expect(compiled.sort()).toEqual(versionFiles(dir));
    expect(result.skipped).toEqual([]);
  });

  describe.each(
    result.forms.map((f) => [`${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`, f] as const),
  )('%s', (_name, form) => {
    it('has the contract keys', () => {
      expect(Object.keys(form)).toEqual(['meta', 'schema', 'uischema', 'i18n', 'csv', 'logic']);
      expect(form.meta.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('emits a JSON Schema valid under the meta-schema that compiles in strict ajv', () => {
      const ajv = strictAjv();
      expect(ajv.validateSchema(form.schema), ajv.errorsText(ajv.errors)).toBe(true);
      expect(() => ajv.compile(form.schema)).not.toThrow();
    });

    it('resolves every UI schema scope to a schema property', () => {
      expect(unresolvedScopes(form)).toEqual([]);
    });

    // The runtime's ajv instances trust these schemas (no meta-schema check at run time): this
    // test is where the rule and logic conditions are held to the meta-schema.
    it('emits every rule and logic condition valid under the meta-schema, and compiles it', () => {
      const ajv = createAjv();
      const strict = strictAjv();
      const rules: unknown[] = [];
      for (const f of form.logic.fields) {
        if (f.visible) rules.push(f.visible);
        if (typeof f.required === 'object') rules.push(f.required);
      }
      const walk = (el: Record<string, unknown>) => {
        if (el.rule) rules.push((el.rule as { condition: { schema: unknown } }).condition.schema);
        for (const c of (el.elements as Record<string, unknown>[] | undefined) ?? []) walk(c);
        const detail = (el.options as { detail?: Record<string, unknown> } | undefined)?.detail;
        if (detail) walk(detail);
      };
      walk(form.uischema);
      for (const r of rules) {
        expect(strict.validateSchema(r as object), strict.errorsText(strict.errors)).toBe(true);
        expect(() => ajv.compile(r as object)).not.toThrow();
      }
    });

    it('has every i18n key in every language', () => {
      const [first, ...others] = form.meta.languages;
      const keys = Object.keys(form.i18n[first!]!).sort();
      for (const l of others) expect(Object.keys(form.i18n[l]!).sort()).toEqual(keys);
      for (const l of form.meta.languages)
        for (const c of form.logic.fields)
          expect(form.i18n[l]![`${c.key}.label`], `${l} ${c.key}`).toBeTruthy();
    });

    it('maps every data field to CSV columns once', () => {
      const columns = form.csv.columns.map((c) => c.column);
      expect(new Set(columns).size).toBe(columns.length);
      for (const f of form.logic.fields.filter((x) => x.type !== 'repeat'))
        expect(form.csv.columns.some((c) => c.name === f.name)).toBe(true);
    });
  });
});
