import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { CompiledExpr } from './ast.ts';

/** A value as it appears in registration data (dates and times are ISO strings). */
export type Value = number | string | boolean | readonly unknown[] | null;

const DAY_MS = 86_400_000;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function toDate(v: Value): number | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const t = Date.parse(`${v}T00:00:00Z`);
  return Number.isNaN(t) ? null : t;
}

const today = { time: Number.NaN, iso: '' };

/** The date of `now`, formatted once per instant: checks ask for it on every row of an import. */
function todayIso(now: Date): string {
  const time = now.getTime();
  if (time !== today.time) {
    today.time = time;
    today.iso = now.toISOString().slice(0, 10);
  }
  return today.iso;
}

export interface EvalContext {
  /** Looks a data key up: the current repeat item first, then the registration. */
  lookup(name: string): unknown;
  now?: Date;
}

/**
 * Evaluates a compiled expression with three-valued logic: anything computed from a missing
 * value is `null`, so a check on fields not filled in yet neither passes nor fails.
 */
export function evaluate(expr: CompiledExpr, ctx: EvalContext): Value {
  switch (expr.kind) {
    case 'num':
    case 'str':
    case 'bool':
      return expr.value;
    case 'list':
      return expr.items.map((i) => evaluate(i, ctx));
    case 'ref': {
      const v = ctx.lookup(expr.name);
      return isEmpty(v) ? null : (v as Value);
    }
    case 'not': {
      const v = evaluate(expr.arg, ctx);
      return v === null ? null : !v;
    }
    case 'neg': {
      const v = evaluate(expr.arg, ctx);
      return typeof v === 'number' ? -v : null;
    }
    case 'call':
      return call(expr.fn, expr.args, ctx);
    case 'binary':
      return binary(expr, ctx);
  }
}

/** Upper case, accents and everything but letters removed: "Dupont-Lévêque" → "DUPONTLEVEQUE". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The pseudonymous code of a patient without a Belgian national number, from the fields the
 * DCDs name (date of birth, sex, last name, first name; HD4DP's own algorithm is not public):
 * 16 characters of Crockford base32 of SHA-256 over the normalised values, so spelling
 * variants of a name ("Dupont-Lévêque", "DUPONT LEVEQUE") give the same code and the same
 * patient is found again. It identifies the patient inside the hospital like the national
 * number does, so the field holding it is an identifier (pseudonymised with a key on export).
 */
export function pseudocode([birthDate, sex, lastName, firstName]: [string, string, string, string]):
  | string
  | undefined {
  if (!birthDate || !sex || !normaliseName(lastName) || !normaliseName(firstName)) return undefined;
  const message = [birthDate, sex.toUpperCase(), normaliseName(lastName), normaliseName(firstName)].join('|');
  const digest = sha256(utf8ToBytes(message));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function call(fn: string, args: CompiledExpr[], ctx: EvalContext): Value {
  if (fn === 'empty' || fn === 'filled') {
    const a = args[0]!;
    const raw = a.kind === 'ref' ? ctx.lookup(a.name) : evaluate(a, ctx);
    return fn === 'empty' ? isEmpty(raw) : !isEmpty(raw);
  }
  if (fn === 'today') return todayIso(ctx.now ?? new Date());
  const vals = args.map((a) => evaluate(a, ctx));
  if (fn === 'count') {
    const v = vals[0];
    return Array.isArray(v) ? v.length : v === null ? 0 : 1;
  }
  if (vals.some((v) => v === null)) return null;
  switch (fn) {
    case 'pseudocode':
      return pseudocode(vals.map(String) as [string, string, string, string]) ?? null;
    case 'round': {
      const digits = typeof vals[1] === 'number' ? vals[1] : 0;
      const f = 10 ** digits;
      return Math.round((vals[0] as number) * f) / f;
    }
    case 'min':
      return Math.min(...(vals as number[]));
    case 'max':
      return Math.max(...(vals as number[]));
    case 'days':
    case 'years': {
      const a = toDate(vals[0]!);
      const b = toDate(vals[1]!);
      if (a === null || b === null) return null;
      if (fn === 'days') return Math.round((b - a) / DAY_MS);
      const da = new Date(a);
      const db = new Date(b);
      let y = db.getUTCFullYear() - da.getUTCFullYear();
      if (
        db.getUTCMonth() < da.getUTCMonth() ||
        (db.getUTCMonth() === da.getUTCMonth() && db.getUTCDate() < da.getUTCDate())
      )
        y--;
      return y;
    }
    default:
      return null;
  }
}

function binary(expr: Extract<CompiledExpr, { kind: 'binary' }>, ctx: EvalContext): Value {
  const { op } = expr;
  if (op === 'and' || op === 'or') {
    const l = evaluate(expr.left, ctx);
    if (op === 'and' && l === false) return false;
    if (op === 'or' && l === true) return true;
    const r = evaluate(expr.right, ctx);
    if (op === 'and') return r === false ? false : l === null || r === null ? null : true;
    return r === true ? true : l === null || r === null ? null : false;
  }
  const l = evaluate(expr.left, ctx);
  const r = evaluate(expr.right, ctx);
  if (l === null || r === null) return op === '!=' && (l !== null || r !== null) ? true : null;
  switch (op) {
    case '=':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return (l as number) < (r as number);
    case '<=':
      return (l as number) <= (r as number);
    case '>':
      return (l as number) > (r as number);
    case '>=':
      return (l as number) >= (r as number);
    case 'in':
      return (r as readonly unknown[]).includes(l);
    case 'contains':
      return Array.isArray(l) && l.includes(r);
    case '+':
    case '-':
    case '*':
    case '/':
    case '^': {
      if (typeof l !== 'number' || typeof r !== 'number') return null;
      const v = op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l ** r;
      return Number.isFinite(v) ? v : null;
    }
  }
}
