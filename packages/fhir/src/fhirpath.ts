/*
 * regforms' two kinds of logic in FHIR terms. Conditions (visibility, requiredness) are JSON
 * Schema in the compiled form, of the closed set of shapes the compiler emits: they are read
 * back into a small boolean tree and become `enableWhen` where FHIR's operators say exactly the
 * same, FHIRPath otherwise. Expressions (computations, checks) are the compiled expression tree
 * and become FHIRPath with regforms' three-valued logic kept: FHIRPath's empty collection
 * plays regforms' null.
 */
import type { CompiledExpr } from '@regforms/expression';
import { COMPARISON_KEYWORDS, type FieldLogic, type JsonSchema } from '@regforms/runtime';

/** A condition as regforms means it: every node is true or false (never unknown). */
export type Cond =
  | { k: 'const'; value: boolean }
  | { k: 'and' | 'or'; of: Cond[] }
  | { k: 'not'; of: Cond }
  /** The field has a value (answered). */
  | { k: 'present'; name: string }
  /** The field has a value and it (one of its values, for a multiple choice) passes. */
  | { k: 'test'; name: string; op: TestOp; value: unknown };
export type TestOp = '=' | 'in' | '<' | '<=' | '>' | '>=';

export class UntranslatableError extends Error {}

const isObj = (v: unknown): v is JsonSchema => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reads a compiled condition (the shapes of the compiler's conditionSchema) back. */
export function readCondition(s: JsonSchema): Cond {
  const keys = Object.keys(s);
  if (keys.length === 0) return { k: 'const', value: true };
  if (keys.length === 1 && isObj(s.not))
    return Object.keys(s.not).length === 0
      ? { k: 'const', value: false }
      : { k: 'not', of: readCondition(s.not) };
  if (keys.length === 1 && Array.isArray(s.allOf)) return { k: 'and', of: s.allOf.map(readCondition) };
  if (keys.length === 1 && Array.isArray(s.anyOf)) return { k: 'or', of: s.anyOf.map(readCondition) };
  const required = s.required as string[] | undefined;
  if (keys.length === 1 && required?.length === 1) return { k: 'present', name: required[0]! };
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (props && required?.length === 1 && keys.length === 2 && Object.keys(props).length === 1) {
    const name = required[0]!;
    const p = props[name];
    if (!p) throw new UntranslatableError(`condition on ${name} without its schema`);
    // "Present and passes" is the test itself: a test never holds for an unanswered field.
    return test(name, p);
  }
  throw new UntranslatableError(`condition of an unexpected shape: ${JSON.stringify(s).slice(0, 120)}`);
}

function test(name: string, p: JsonSchema): Cond {
  const t = (op: TestOp, value: unknown): Cond => ({ k: 'test', name, op, value });
  if ('const' in p) {
    // An empty text or list: FHIR has no empty answers, so "answered with nothing" never holds.
    if (p.const === '') return { k: 'const', value: false };
    return t('=', p.const);
  }
  if (Array.isArray(p.enum)) return t('in', p.enum);
  if (p.type === 'array' && p.maxItems === 0) return { k: 'const', value: false };
  // "Some item is v" (the compiler's `contains`): FHIR's `=` on a repeating answer says the same.
  const inner = isObj(p.not) && isObj(p.not.items) && isObj(p.not.items.not) ? p.not.items.not : undefined;
  if (p.type === 'array' && inner && 'const' in inner) return t('=', inner.const);
  for (const [kw, op] of COMPARISON_KEYWORDS) if (kw in p) return t(op, p[kw]);
  throw new UntranslatableError(`test of an unexpected shape on ${name}: ${JSON.stringify(p).slice(0, 120)}`);
}

/** The same condition with constants folded and nested and/or flattened. */
export function simplify(c: Cond): Cond {
  if (c.k === 'not') {
    const inner = simplify(c.of);
    if (inner.k === 'const') return { k: 'const', value: !inner.value };
    if (inner.k === 'not') return inner.of;
    return { k: 'not', of: inner };
  }
  if (c.k === 'and' || c.k === 'or') {
    const unit = c.k === 'and';
    const of: Cond[] = [];
    for (const x of c.of.map(simplify)) {
      if (x.k === 'const') {
        if (x.value === unit) continue;
        return { k: 'const', value: !unit };
      }
      if (x.k === c.k) of.push(...x.of);
      else of.push(x);
    }
    if (of.length === 0) return { k: 'const', value: unit };
    return of.length === 1 ? of[0]! : { k: c.k, of };
  }
  return c;
}

/** How a field's answers are reached and typed, for the translators. */
export interface FieldRef {
  logic: FieldLogic;
  linkId: string;
}

/** A FHIRPath string literal. */
export function str(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A literal of a field's type: dates and times as FHIRPath date/time literals. */
export function literal(f: FieldLogic | undefined, v: unknown): string {
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return v < 0 ? `(${v})` : String(v);
  const s = String(v);
  if (f?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(s)) return `@${s}`;
  if (f?.type === 'time' && /^\d{2}:\d{2}(:\d{2})?$/.test(s)) return `@T${s.length === 5 ? `${s}:00` : s}`;
  return str(s);
}

/**
 * The FHIRPath to a field's answer values: searched from the response's root for fields
 * outside repeats, from the repeat instance (`scope`) for fields of one.
 */
export function answerPath(ref: FieldRef, scope?: string): string {
  const from = ref.logic.repeat && scope ? `${scope}.item` : '%resource.repeat(item)';
  const value = `${from}.where(linkId = ${str(ref.linkId)}).answer.value`;
  return ref.logic.type === 'choice' || ref.logic.type === 'multichoice' ? `${value}.code` : value;
}

/** A condition as FHIRPath (two-valued, as regforms means it). */
export function conditionPath(c: Cond, lookup: (name: string) => FieldRef, scope?: string): string {
  switch (c.k) {
    case 'const':
      return String(c.value);
    case 'and':
    case 'or':
      return `(${c.of.map((x) => conditionPath(x, lookup, scope)).join(` ${c.k} `)})`;
    case 'not':
      return `(${conditionPath(c.of, lookup, scope)}).not()`;
    case 'present':
      return `${answerPath(lookup(c.name), scope)}.exists()`;
    case 'test': {
      const ref = lookup(c.name);
      const lit = (v: unknown) => literal(ref.logic, v);
      const criterion =
        c.op === 'in'
          ? `$this in (${(c.value as unknown[]).map(lit).join(' | ')})`
          : `$this ${c.op} ${lit(c.value)}`;
      return `${answerPath(ref, scope)}.where(${criterion}).exists()`;
    }
  }
}

/** One FHIR `enableWhen` entry. */
export interface EnableWhen {
  question: string;
  operator: 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';
  /** answerBoolean, answerCoding, answerDate, …: one, of the question's type. */
  [answer: string]: unknown;
}

/**
 * The condition as `enableWhen` entries and behaviour, when FHIR's operators mean exactly the
 * same; undefined otherwise (the caller uses FHIRPath). R4's operators on a question with no
 * answer are read differently by different clients (is `!=` true?): only `exists` is used on
 * an unanswered question's behalf, so the meaning does not depend on that reading.
 */
export function toEnableWhen(
  c: Cond,
  lookup: (name: string) => FieldRef,
  answer: (ref: FieldRef, value: unknown) => Record<string, unknown>,
): { enableWhen: EnableWhen[]; enableBehavior?: 'all' | 'any' } | undefined {
  const atom = (x: Cond): EnableWhen[] | undefined => {
    if (x.k === 'present')
      return [{ question: lookup(x.name).linkId, operator: 'exists', answerBoolean: true }];
    if (x.k === 'not' && x.of.k === 'present')
      return [{ question: lookup(x.of.name).linkId, operator: 'exists', answerBoolean: false }];
    if (x.k === 'test' && x.op !== 'in') {
      const ref = lookup(x.name);
      return [{ question: ref.linkId, operator: x.op, ...answer(ref, x.value) }];
    }
    return undefined;
  };
  const one = atom(c);
  if (one) return { enableWhen: one };
  // "Any of these codes", alone or among other alternatives.
  const alternatives = (x: Cond): EnableWhen[] | undefined => {
    if (x.k === 'test' && x.op === 'in') {
      const ref = lookup(x.name);
      return (x.value as unknown[]).map((v) => ({
        question: ref.linkId,
        operator: '=' as const,
        ...answer(ref, v),
      }));
    }
    // Not equal, as regforms means it: unanswered, or answered otherwise.
    if (x.k === 'not' && x.of.k === 'test' && x.of.op === '=') {
      const ref = lookup(x.of.name);
      const multi = ref.logic.type === 'multichoice';
      if (multi) return undefined;
      return [
        { question: ref.linkId, operator: 'exists', answerBoolean: false },
        { question: ref.linkId, operator: '!=', ...answer(ref, x.of.value) },
      ];
    }
    return atom(x);
  };
  if (c.k === 'or' || (c.k === 'test' && c.op === 'in') || c.k === 'not') {
    const parts = (c.k === 'or' ? c.of : [c]).map(alternatives);
    if (parts.every((p) => p)) return { enableWhen: parts.flat() as EnableWhen[], enableBehavior: 'any' };
    return undefined;
  }
  if (c.k === 'and') {
    // Beside "N is filled", "N is not v" is FHIR's != without the question of no answer.
    const filled = new Set(c.of.flatMap((x) => (x.k === 'present' ? [x.name] : [])));
    const parts = c.of.map((x) => {
      if (x.k === 'not' && x.of.k === 'test' && x.of.op === '=' && filled.has(x.of.name)) {
        const ref = lookup(x.of.name);
        if (ref.logic.type === 'multichoice') return undefined;
        return [{ question: ref.linkId, operator: '!=' as const, ...answer(ref, x.of.value) }];
      }
      return atom(x);
    });
    if (parts.every((p) => p)) return { enableWhen: parts.flat() as EnableWhen[], enableBehavior: 'all' };
  }
  return undefined;
}

/** Why an expression has no FHIRPath equivalent (a function FHIRPath R4 lacks). */
export const NO_FHIRPATH: Partial<Record<string, string>> = {
  days: 'FHIRPath (R4) has no difference between two dates',
  years: 'FHIRPath (R4) has no difference between two dates',
  pseudocode: "the pseudonymous code is regforms' own hash (SHA-256 of normalised names), not FHIRPath",
};

/**
 * A compiled expression as FHIRPath, three-valued as regforms evaluates it (see
 * @regforms/expression's evaluate): an operand that is not filled in gives the empty
 * collection, which `and`/`or` treat as unknown, as regforms treats null.
 */
export function expressionPath(e: CompiledExpr, lookup: (name: string) => FieldRef, scope?: string): string {
  const go = (x: CompiledExpr): string => expressionPath(x, lookup, scope);
  const typed = (x: CompiledExpr, other: CompiledExpr): string =>
    x.kind === 'str' && other.kind === 'ref' ? literal(lookup(other.name).logic, x.value) : go(x);
  switch (e.kind) {
    case 'num':
    case 'bool':
      return literal(undefined, e.value);
    case 'str':
      return str(e.value);
    case 'list':
      return `(${e.items.map(go).join(' | ')})`;
    case 'ref':
      return answerPath(lookup(e.name), scope);
    case 'not':
      return `(${go(e.arg)}).not()`;
    case 'neg':
      return `(-(${go(e.arg)}))`;
    case 'call': {
      const why = NO_FHIRPATH[e.fn];
      if (why) throw new UntranslatableError(`${e.fn}(): ${why}`);
      const a = e.args.map(go);
      switch (e.fn) {
        case 'empty':
          return `${a[0]}.empty()`;
        case 'filled':
          return `${a[0]}.exists()`;
        case 'count':
          return `${a[0]}.count()`;
        case 'today':
          return 'today()';
        case 'round':
          return `(${a[0]}).round(${a[1] ?? '0'})`;
        case 'min':
        case 'max': {
          const pick = e.fn === 'min' ? '<' : '>';
          return a.reduce((acc, x) => `iif((${acc}) ${pick} (${x}), ${acc}, ${x})`);
        }
        default:
          throw new UntranslatableError(`${e.fn}() has no FHIRPath equivalent`);
      }
    }
    case 'binary': {
      const l = typed(e.left, e.right);
      const r = typed(e.right, e.left);
      switch (e.op) {
        case 'and':
        case 'or':
          return `(${l} ${e.op} ${r})`;
        case '^':
          return `(${l}).power(${r})`;
        case '!=':
          // regforms: one side filled and the other not is "different" (true), not unknown.
          return `((${l}) != (${r}) or ((${l}).empty() xor (${r}).empty()))`;
        case 'contains':
          return `iif((${l}).exists(), (${l}) contains (${r}), {})`;
        case 'in':
          return `((${l}) in ${r})`;
        default:
          return `((${l}) ${e.op} (${r}))`;
      }
    }
  }
  throw new UntranslatableError('an expression of an unknown kind');
}
