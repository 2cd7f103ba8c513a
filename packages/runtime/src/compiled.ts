/*
 * A compiled form's validators: the schema's validate function and one yes/no function per
 * condition. They come from the validators module `regforms compile` writes beside form.json
 * (code generated ahead of time, so a page under a Content Security Policy without
 * 'unsafe-eval' can validate), installed here with `installValidators`; a form without one is
 * compiled at run time by ajv (ajv.ts), which needs a runtime that may evaluate code.
 */
import type { ErrorObject } from 'ajv';
import * as equal from 'ajv/dist/runtime/equal.js';
import * as ucs2length from 'ajv/dist/runtime/ucs2length.js';
import * as validationError from 'ajv/dist/runtime/validation_error.js';
import { compileCondition, compileValidators } from './ajv.ts';
import type { CompiledForm, JsonSchema } from './form.ts';
import { cjsExports, FORMATS, FORMATS_MODULE } from './formats.ts';

export type ConditionFn = (data: unknown) => boolean;

export interface SchemaValidateFn {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface FormValidators {
  /** The form's `meta.hash`: a module is only ever used with the form it was compiled from. */
  hash: string;
  schema: SchemaValidateFn;
  /**
   * The schema as Save checks it (types-schema.ts): the same errors as `schema` less `required`
   * and `minItems`, found without evaluating them.
   */
  readonly types: SchemaValidateFn;
  /** Keyed by the condition's JSON text (conditionTexts). */
  conditions: Map<string, ConditionFn>;
}

/** What a validators module exports (see the compiler's emit/validators.ts). */
export interface ValidatorsModule {
  hash: string;
  conditions: string[];
  default: (require: (id: string) => unknown) => {
    validate: SchemaValidateFn;
    /** Absent from modules compiled before it existed: `validate` serves Save too, slower. */
    types?: SchemaValidateFn;
    conditions: ConditionFn[];
  };
}

/** The modules standalone code may require: ajv's small run-time helpers and the formats. */
const RUNTIME: Record<string, unknown> = {
  'ajv/dist/runtime/equal': cjsExports(equal),
  'ajv/dist/runtime/ucs2length': cjsExports(ucs2length),
  'ajv/dist/runtime/validation_error': cjsExports(validationError),
  [FORMATS_MODULE]: FORMATS,
};

function requireRuntime(id: string): unknown {
  const found = RUNTIME[id];
  if (!found)
    throw new Error(
      `A validators module asks for ${id}, which this runtime does not have: compile the form again.`,
    );
  return found;
}

export class ValidatorsMismatchError extends Error {}

const installed = new WeakMap<CompiledForm, FormValidators>();
/** Conditions by text, from every module loaded and every run-time compilation. */
const conditionsByText = new Map<string, ConditionFn>();
const conditionsBySchema = new WeakMap<object, ConditionFn>();

/**
 * Uses the validators module compiled with this form. Refuses a module compiled from another
 * form (a stale validators.js beside a newer form.json would validate by the old rules).
 */
export function installValidators(form: CompiledForm, module: ValidatorsModule): FormValidators {
  if (module.hash !== form.meta.hash)
    throw new ValidatorsMismatchError(
      `The validators module of ${form.meta.registry}/${form.meta.registrationType}@${form.meta.version} was compiled from another form (hash ${module.hash}, the form has ${form.meta.hash}): compile the definitions again.`,
    );
  const made = module.default(requireRuntime);
  const conditions = new Map(module.conditions.map((text, i) => [text, made.conditions[i]!]));
  return provideValidators(form, {
    hash: module.hash,
    schema: made.validate,
    types: made.types ?? made.validate,
    conditions,
  });
}

/** Uses validators made elsewhere (compileValidators in a chunk loaded on demand). */
export function provideValidators(form: CompiledForm, validators: FormValidators): FormValidators {
  installed.set(form, validators);
  for (const [text, fn] of validators.conditions)
    if (!conditionsByText.has(text)) conditionsByText.set(text, fn);
  return validators;
}

/** The form's validators: installed, else compiled now (needs a runtime that may evaluate code). */
export function validatorsOf(form: CompiledForm): FormValidators {
  return installed.get(form) ?? provideValidators(form, compileValidators(form));
}

/**
 * The yes/no function of a condition schema: from a loaded module or compiled before, else
 * compiled now. The fields of a section repeat its condition as separate objects (797
 * conditions, 76 distinct, in a 1,000-field form): each text is compiled once.
 */
export function conditionOf(schema: JsonSchema): ConditionFn {
  let fn = conditionsBySchema.get(schema);
  if (!fn) {
    const text = JSON.stringify(schema);
    fn = conditionsByText.get(text);
    if (!fn) {
      fn = compileCondition(schema);
      conditionsByText.set(text, fn);
    }
    conditionsBySchema.set(schema, fn);
  }
  return fn;
}
