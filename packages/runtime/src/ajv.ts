/*
 * The one place ajv compiles a compiled form's schemas: ahead of time into the validators
 * module `regforms compile` writes beside each form.json (standalone code), or at run time for
 * a host that has only the form.json. Both use the options and formats below, so both validate
 * alike. Browsers load the module and never need this file (nor ajv's compiler).
 */
import Ajv, { _, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { ConditionFn, FormValidators, SchemaValidateFn } from './compiled.ts';
import type { CompiledForm, JsonSchema } from './form.ts';
import { FORMATS_MODULE, NISS_FORMAT } from './formats.ts';
import { typesSchema } from './types-schema.ts';

/**
 * The schemas these instances compile are the compiler's output, and the compiler's tests hold
 * every emitted schema to the draft-07 meta-schema in strict ajv. Checking them again on every
 * load would compile the meta-schema first: ~100 ms per instance.
 */
const COMMON: Options = { strict: false, multipleOfPrecision: 9, validateSchema: false };

/**
 * Standalone code reads the formats from the module named here (`require(FORMATS_MODULE)`),
 * which the runtime gives the validators module when it loads it (compiled.ts).
 */
const STANDALONE: Options = { code: { source: true, formats: _`require(${FORMATS_MODULE})` } };

/**
 * The form's validator: draft-07, every error, the date formats with their
 * formatMinimum/formatMaximum keywords, and the `niss` format (check digits).
 */
export function createAjv(options: { standalone?: boolean } = {}): Ajv {
  return withFormats(new Ajv({ ...COMMON, allErrors: true, ...(options.standalone ? STANDALONE : {}) }));
}

/**
 * The same vocabulary and formats for yes/no questions (skip-logic conditions): the answer is
 * the same, but validation stops at the first failure and builds no messages. Pruning asks
 * these on every save and on every row of an import.
 */
export function createConditionAjv(options: { standalone?: boolean } = {}): Ajv {
  return withFormats(
    new Ajv({ ...COMMON, allErrors: false, messages: false, ...(options.standalone ? STANDALONE : {}) }),
  );
}

function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  ajv.addFormat('niss', NISS_FORMAT);
  return ajv;
}

/**
 * Every condition schema a consumer asks about (skip logic, requiredness, the UI schema's
 * rules), once each, as canonical text: the key both the module and the run-time lookup use.
 */
export function conditionTexts(form: CompiledForm): string[] {
  const texts = new Set<string>();
  const add = (schema: JsonSchema | undefined) => {
    if (schema && typeof schema === 'object') texts.add(JSON.stringify(schema));
  };
  for (const f of form.logic.fields) {
    add(f.visible);
    if (f.required !== true) add(f.required);
  }
  const walk = (el: unknown) => {
    if (!el || typeof el !== 'object') return;
    const e = el as {
      rule?: { condition?: { schema?: JsonSchema } };
      elements?: unknown[];
      options?: { detail?: unknown };
    };
    add(e.rule?.condition?.schema);
    for (const c of e.elements ?? []) walk(c);
    walk(e.options?.detail);
  };
  walk(form.uischema);
  return [...texts];
}

/** Run-time compilation, for a form that came without its validators module. */
export function compileValidators(form: CompiledForm): FormValidators {
  const conditionAjv = createConditionAjv();
  const conditions = new Map<string, ConditionFn>();
  for (const text of conditionTexts(form)) {
    const v = conditionAjv.compile(JSON.parse(text) as JsonSchema);
    conditions.set(text, (d) => v(d) as boolean);
  }
  let types: SchemaValidateFn | undefined;
  return {
    hash: form.meta.hash,
    schema: createAjv().compile(form.schema) as SchemaValidateFn,
    // Compiled when first asked for (a host that only sends never needs it), by an instance of
    // its own: both schemas carry the form's $id.
    get types() {
      types ??= createAjv().compile(typesSchema(form.schema)) as SchemaValidateFn;
      return types;
    },
    conditions,
  };
}

/** One condition compiled at run time (a form without its module, or one built in memory). */
export function compileCondition(schema: JsonSchema): ConditionFn {
  sharedConditionAjv ??= createConditionAjv();
  const v = sharedConditionAjv.compile(schema);
  return (d) => v(d) as boolean;
}
let sharedConditionAjv: Ajv | undefined;
