import { evaluate } from '@regforms/expression';
import type Ajv from 'ajv';
import type { CompiledForm, FieldLogic, JsonSchema, RegistrationData } from './form.ts';
import { createAjv } from './validate.ts';

const sharedAjv: { ajv?: Ajv } = {};
const compiledConditions = new WeakMap<JsonSchema, (data: unknown) => boolean>();

function holds(condition: JsonSchema, data: unknown): boolean {
  let fn = compiledConditions.get(condition);
  if (!fn) {
    sharedAjv.ajv ??= createAjv();
    const v = sharedAjv.ajv.compile(condition);
    fn = (d) => v(d) as boolean;
    compiledConditions.set(condition, fn);
  }
  return fn(data);
}

/** Is this field shown for this data (for a field in a repeat: for this item)? */
export function isVisible(field: FieldLogic, data: RegistrationData, item?: RegistrationData): boolean {
  if (!field.visible) return true;
  return holds(field.visible, field.repeat ? (item ?? {}) : data);
}

/**
 * The hidden-field policy: values of fields that are not shown are removed. Returns new data
 * and the technical names (with item numbers) whose values were dropped, so nothing is
 * dropped silently.
 */
export function prune(
  form: CompiledForm,
  data: RegistrationData,
): { data: RegistrationData; dropped: string[] } {
  const out: RegistrationData = { ...data };
  const dropped: string[] = [];
  const isFilled = (v: unknown) =>
    v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  for (const f of form.logic.fields) {
    if (f.repeat) continue;
    if (!isVisible(f, out) && f.name in out) {
      if (isFilled(out[f.name])) dropped.push(f.name);
      delete out[f.name];
    }
  }
  for (const f of form.logic.fields) {
    if (!f.repeat || !Array.isArray(out[f.repeat])) continue;
    out[f.repeat] = (out[f.repeat] as RegistrationData[]).map((item, i) => {
      if (isVisible(f, out, item) || !(f.name in item)) return item;
      if (isFilled(item[f.name])) dropped.push(`${f.name}_${i + 1}`);
      const { [f.name]: _gone, ...rest } = item;
      return rest;
    });
  }
  return { data: out, dropped };
}

/** Computed fields, in form order (the compiler rejects cycles), on a copy of the data. */
export function applyComputed(form: CompiledForm, data: RegistrationData, now?: Date): RegistrationData {
  const out: RegistrationData = { ...data };
  const set = (target: RegistrationData, f: FieldLogic, v: unknown) => {
    if (v === null || v === undefined) delete target[f.name];
    else target[f.name] = v;
  };
  for (const f of form.logic.fields) {
    if (!f.compute) continue;
    if (f.repeat) {
      const items = out[f.repeat];
      if (!Array.isArray(items)) continue;
      out[f.repeat] = items.map((item: RegistrationData) => {
        const copy = { ...item };
        set(copy, f, evaluate(f.compute!, { lookup: (n) => (n in copy ? copy[n] : out[n]), now }));
        return copy;
      });
    } else set(out, f, evaluate(f.compute, { lookup: (n) => out[n], now }));
  }
  return out;
}
