import { type CompiledExpr, type EvalContext, evaluate } from '@regforms/expression';
import type { ErrorObject } from 'ajv';
import { validatorsOf } from './compiled.ts';
import type { CompiledForm, FieldLogic, RegistrationData } from './form.ts';
import { SEND_ONLY_KEYWORDS } from './types-schema.ts';

export interface FormError {
  /** Data path segments, e.g. ['PCI', 0, 'DT_PCI']. */
  path: (string | number)[];
  /** Technical name of the field, or '' for a form-level error. */
  name: string;
  /** i18n key prefix of the field (`REPEAT.NAME` in a repeat). */
  key: string;
  /** The rule: required, minimum, pattern, format, check, … */
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/** Keywords whose generic message is another's: a date's bounds read like a number's. */
const GENERIC_KEYWORD: Record<string, string> = {
  exclusiveMinimum: 'minimum',
  formatMinimum: 'minimum',
  formatExclusiveMinimum: 'minimum',
  exclusiveMaximum: 'maximum',
  formatMaximum: 'maximum',
  formatExclusiveMaximum: 'maximum',
};

export interface Validator {
  /** Every error of the data (already pruned of hidden values), messages in `lang`. */
  validate(data: RegistrationData, lang?: string): FormError[];
  /** Type errors only: what Save checks (missing mandatory fields are allowed in Open). */
  validateTypes(data: RegistrationData, lang?: string): FormError[];
}

const cache = new WeakMap<CompiledForm, Validator>();

/**
 * One validator per compiled form, shared by the form, CSV import and servers: the schema's
 * validate function from the form's validators module (compiled.ts), then the checks.
 */
export function createValidator(form: CompiledForm): Validator {
  const cached = cache.get(form);
  if (cached) return cached;
  const validators = validatorsOf(form);
  const checked = form.logic.fields.filter((f) => f.checks?.length);
  const byKey = new Map(form.logic.fields.map((f) => [f.key, f]));

  const run = (data: RegistrationData, lang: string, typesOnly: boolean): FormError[] => {
    const errors: FormError[] = [];
    // Save's own schema leaves out what Save does not report; the filter below stays for a
    // module compiled before it had one (its `types` is the full schema).
    const validateSchema = typesOnly ? validators.types : validators.schema;
    validateSchema(data);
    for (const e of validateSchema.errors ?? []) {
      if (e.keyword === 'if') continue;
      if (typesOnly && SEND_ONLY_KEYWORDS.has(e.keyword)) continue;
      errors.push(toFormError(e, form, byKey, lang));
    }
    const scope = { item: data, unreadable: unreadable(errors) } as CheckScope;
    scope.ctx = { lookup: (n) => (n in scope.item ? scope.item[n] : data[n]), now: new Date() };
    for (const f of checked) runChecks(f, data, form, lang, errors, scope);
    return errors;
  };
  const v: Validator = {
    validate: (data, lang = form.meta.defaultLanguage) => run(data, lang, false),
    validateTypes: (data, lang = form.meta.defaultLanguage) => run(data, lang, true),
  };
  cache.set(form, v);
  return v;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The field an error path points at: `NAME` at the top, `REPEAT.NAME` in an item. */
function fieldAt(path: (string | number)[], byKey: Map<string, FieldLogic>): FieldLogic | undefined {
  const names = path.filter((s): s is string => typeof s === 'string');
  return byKey.get(names.slice(0, 2).join('.')) ?? byKey.get(names[0] ?? '');
}

function toFormError(
  e: ErrorObject,
  form: CompiledForm,
  byKey: Map<string, FieldLogic>,
  lang: string,
): FormError {
  const path = pointerToPath(e.instancePath);
  if (e.keyword === 'required') path.push((e.params as { missingProperty: string }).missingProperty);
  const field = fieldAt(path, byKey);
  const key = field?.key ?? '';
  const params = e.params as Record<string, unknown>;
  return {
    path,
    name: field?.name ?? '',
    key,
    keyword: e.keyword,
    params,
    message: translateError(form, lang, key, e.keyword, params, e.message),
  };
}

/** The message for an error: the field's own, else the generic one, with {limit} filled in. */
export function translateError(
  form: CompiledForm,
  lang: string,
  key: string,
  keyword: string,
  params: Record<string, unknown>,
  fallback?: string,
): string {
  const bundle = form.i18n[lang] ?? form.i18n[form.meta.defaultLanguage] ?? {};
  const generic = GENERIC_KEYWORD[keyword] ?? keyword;
  const template =
    bundle[`${key}.error.${keyword}`] ??
    bundle[`${key}.error.${generic}`] ??
    bundle[`error.${keyword}`] ??
    bundle[`error.${generic}`] ??
    fallback ??
    keyword;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? params.limit ?? ''));
}

/** The item a check reads first (the registration, or a repeat item) and the lookup over it. */
interface CheckScope {
  item: RegistrationData;
  ctx: EvalContext;
  /** Values the schema could not read: checks that read them are not run. */
  unreadable: Set<string> | undefined;
}

/*
 * One error per field for one cause: a value the schema could not read (31/02/1969 as a date,
 * text in a number) is said once, by its format or type error; the checks that compare it
 * with other fields ("in the future", "before the date of birth") would only say it again.
 */
const UNREADABLE = new Set(['type', 'format', 'pattern']);

/** Paths (`NAME`, `REPEAT.i.NAME`) of values with a type, format or pattern error. */
function unreadable(errors: FormError[]): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const e of errors)
    if (UNREADABLE.has(e.keyword)) {
      out ??= new Set();
      out.add(e.path.join('.'));
    }
  return out;
}

const refsOf = new WeakMap<CompiledExpr, string[]>();
/** The data keys an expression reads. */
function references(expr: CompiledExpr): string[] {
  let out = refsOf.get(expr);
  if (!out) {
    const found: string[] = [];
    const walk = (e: CompiledExpr): void => {
      if (e.kind === 'ref') found.push(e.name);
      else if (e.kind === 'list') e.items.forEach(walk);
      else if (e.kind === 'call') e.args.forEach(walk);
      else if (e.kind === 'not' || e.kind === 'neg') walk(e.arg);
      else if (e.kind === 'binary') {
        walk(e.left);
        walk(e.right);
      }
    };
    walk(expr);
    out = found;
    refsOf.set(expr, out);
  }
  return out;
}

/** Does a check read a value that could not be read (for item `i` of a repeat)? */
function readsUnreadable(
  rule: CompiledExpr,
  bad: Set<string>,
  repeat: string | undefined,
  i: number,
): boolean {
  for (const n of references(rule))
    if (bad.has(n) || (repeat !== undefined && bad.has(`${repeat}.${i}.${n}`))) return true;
  return false;
}

/**
 * The cross-field checks of one field, appended to `out`. Written without a closure per item
 * or per check: a CSV import runs it for every row, for every item of every repeat.
 */
function runChecks(
  f: FieldLogic,
  data: RegistrationData,
  form: CompiledForm,
  lang: string,
  out: FormError[],
  scope: CheckScope,
): void {
  const { ctx } = scope;
  const checks = f.checks ?? [];
  const items = f.repeat ? ((data[f.repeat] as RegistrationData[] | undefined) ?? []) : [data];
  for (let i = 0; i < items.length; i++) {
    scope.item = items[i]!;
    for (const c of checks) {
      if (scope.unreadable && readsUnreadable(c.rule, scope.unreadable, f.repeat, i)) continue;
      if (evaluate(c.rule, ctx) !== false) continue;
      const bundle = form.i18n[lang] ?? {};
      out.push({
        path: f.repeat ? [f.repeat, i, f.name] : [f.name],
        name: f.name,
        key: f.key,
        keyword: c.keyword,
        params: {},
        message: bundle[c.message] ?? c.message,
      });
    }
  }
}
