/*
 * Visibility and requiredness come from one condition: for random data, a field that is
 * required when shown has a `required` error exactly when JSON Forms shows it (its rule and
 * every enclosing layout's rule, evaluated by @jsonforms/core itself).
 */
import { isVisible, type UISchemaElement } from '@jsonforms/core';
import { type CompiledForm, createAjv, createValidator } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { randomObject, rng } from '../support/random-data.ts';
import { compileDir, DEFINITIONS, DEMO } from '../support.ts';

interface Shown {
  name: string;
  /** Path of the object holding it: '' at the top, 'PCI.0' in a repeat item. */
  parentPath: string;
  chain: UISchemaElement[];
}

/** Every control with its chain of enclosing elements, repeat details expanded per item. */
function controls(form: CompiledForm, data: Record<string, unknown>): Shown[] {
  const out: Shown[] = [];
  const walk = (
    el: UISchemaElement & Record<string, unknown>,
    chain: UISchemaElement[],
    parentPath: string,
  ) => {
    const here = [...chain, el];
    if (el.type === 'Control') {
      const name = String(el.scope).replace('#/properties/', '');
      out.push({ name, parentPath, chain: here });
      const detail = (el.options as { detail?: UISchemaElement } | undefined)?.detail;
      const items = data[name];
      if (detail && Array.isArray(items))
        for (let i = 0; i < items.length; i++)
          walk(detail as UISchemaElement & Record<string, unknown>, [], `${name}.${i}`);
    }
    for (const c of (el.elements as (UISchemaElement & Record<string, unknown>)[] | undefined) ?? [])
      walk(c, here, parentPath);
  };
  walk(form.uischema as unknown as UISchemaElement & Record<string, unknown>, [], '');
  return out;
}

const forms = [...compileDir(DEMO).forms, ...compileDir(DEFINITIONS).forms];

describe.each(
  forms.map((f) => [`${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`, f] as const),
)('%s', (_id, form) => {
  it('requires a field exactly when JSON Forms shows it', () => {
    const ajv = createAjv();
    const validator = createValidator(form);
    // Keyed by i18n key, so a repeat's field and a top-level field of the same name differ.
    const whenShown = new Set(form.logic.fields.filter((f) => f.required === true).map((f) => f.key));
    const sometimes = new Set(form.logic.fields.filter((f) => f.required).map((f) => f.key));
    const r = rng(42);
    let compared = 0;
    for (let sample = 0; sample < 60; sample++) {
      const data = randomObject(form.schema, r);
      const missing = new Set(
        validator
          .validate(data)
          .filter((e) => e.keyword === 'required')
          .map((e) => e.path.join('.')),
      );
      for (const c of controls(form, data)) {
        const path = c.parentPath ? `${c.parentPath}.${c.name}` : c.name;
        const parent = c.parentPath
          ? (c.parentPath
              .split('.')
              .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], data) as Record<string, unknown>)
          : data;
        const key = c.parentPath ? `${c.parentPath.split('.')[0]}.${c.name}` : c.name;
        if (!sometimes.has(key) || parent[c.name] !== undefined) continue;
        const shown = c.chain.every((el) => isVisible(el, data, c.parentPath, ajv, undefined));
        if (missing.has(path)) expect(shown, `${path} is required while hidden`).toBe(true);
        if (whenShown.has(key))
          expect(missing.has(path), `${path} is shown, missing, not required`).toBe(shown);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('shows every unconditionally required field that is missing as a required error', () => {
    const ajv = createAjv();
    const validator = createValidator(form);
    const always = new Set(form.csv.columns.filter((c) => c.required === 'always').map((c) => c.name));
    const data = {};
    const missing = new Set(
      validator
        .validate(data)
        .filter((e) => e.keyword === 'required')
        .map((e) => e.path.join('.')),
    );
    for (const c of controls(form, data))
      if (always.has(c.name)) {
        expect(c.chain.every((el) => isVisible(el, data, c.parentPath, ajv, undefined))).toBe(true);
        expect(missing.has(c.name), c.name).toBe(true);
      }
  });
});
