/*
 * Conditions compared by meaning rather than by spelling: a canonical text (and/or operands
 * flattened and sorted, `in` lists sorted, no redundant brackets) and the sets of top-level
 * alternatives and requirements, so that "shown in more cases" and "shown in fewer cases"
 * can be told apart from an arbitrary change.
 */
import type { Expr } from '@regforms/expression';

/** Renames a field id (old ids to new ones, so both sides speak of the same fields). */
export type Rename = (id: string) => string;
const same: Rename = (id) => id;

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Operands of a chain of the same `and`/`or`, however it was bracketed. */
function chain(e: Expr, op: 'and' | 'or'): Expr[] {
  if (e.kind === 'binary' && e.op === op) return [...chain(e.left, op), ...chain(e.right, op)];
  return [e];
}

/** The canonical text of an expression: equal texts mean the same expression. */
export function normalise(e: Expr, rename: Rename = same): string {
  const inner = (x: Expr): string => {
    const t = normalise(x, rename);
    return x.kind === 'binary' || x.kind === 'not' ? `(${t})` : t;
  };
  switch (e.kind) {
    case 'num':
      return String(e.value);
    case 'str':
      return quote(e.value);
    case 'bool':
      return String(e.value);
    case 'ref':
      return rename(e.name);
    case 'list':
      return `[${e.items
        .map((i) => normalise(i, rename))
        .sort()
        .join(', ')}]`;
    case 'call':
      return `${e.fn}(${e.args.map((a) => normalise(a, rename)).join(', ')})`;
    case 'not':
      return `not ${inner(e.arg)}`;
    case 'neg':
      return `-${inner(e.arg)}`;
    case 'binary':
      if (e.op === 'and' || e.op === 'or')
        return chain(e, e.op)
          .map(inner)
          .sort()
          .filter((t, i, all) => all.indexOf(t) === i)
          .join(` ${e.op} `);
      return `${inner(e.left)} ${e.op} ${inner(e.right)}`;
  }
}

/**
 * The alternatives of a condition: its `or` operands, with `x in [a, b]` counted as
 * `x = a`, `x = b`. Each is returned with its canonical text.
 */
export function alternatives(e: Expr, rename: Rename = same): { text: string; expr: Expr }[] {
  return chain(e, 'or').flatMap((d) => {
    if (d.kind === 'binary' && d.op === 'in' && d.right.kind === 'list') {
      const left = d.left;
      return d.right.items.map((item) => {
        const eq: Expr = { kind: 'binary', op: '=', left, right: item, span: d.span };
        return { text: normalise(eq, rename), expr: eq };
      });
    }
    return [{ text: normalise(d, rename), expr: d }];
  });
}

/** The requirements of a condition: its `and` operands. */
export function requirements(e: Expr, rename: Rename = same): string[] {
  return chain(e, 'and').map((c) => normalise(c, rename));
}

export type Direction = 'same' | 'wider' | 'narrower' | 'other';

/**
 * How a condition changed. `undefined` stands for "always" (no condition). `wider`: it holds
 * in every case it held before, and more; `narrower`: the reverse; `other`: cannot tell.
 */
export function direction(
  before: Expr | undefined,
  after: Expr | undefined,
  rename: Rename = same,
): { direction: Direction; added: Expr[] } {
  if (!before && !after) return { direction: 'same', added: [] };
  if (!before) return { direction: 'narrower', added: [] };
  if (!after) return { direction: 'wider', added: [] };
  const b = normalise(before, rename);
  const a = normalise(after);
  if (a === b) return { direction: 'same', added: [] };
  const altB = new Set(alternatives(before, rename).map((x) => x.text));
  const altA = alternatives(after);
  const textsA = new Set(altA.map((x) => x.text));
  if ([...altB].every((t) => textsA.has(t)))
    return { direction: 'wider', added: altA.filter((x) => !altB.has(x.text)).map((x) => x.expr) };
  if ([...textsA].every((t) => altB.has(t))) return { direction: 'narrower', added: [] };
  const reqB = new Set(requirements(before, rename));
  const reqA = new Set(requirements(after));
  if ([...reqB].every((t) => reqA.has(t))) return { direction: 'narrower', added: [] };
  if ([...reqA].every((t) => reqB.has(t))) return { direction: 'wider', added: [] };
  return { direction: 'other', added: [] };
}

/** What the diff knows of a field of the new version when judging a condition. */
export interface FieldFacts {
  /** The field did not exist in the old version: no old record has a value for it. */
  isNew(id: string): boolean;
  /** The code did not exist for this field in the old version. */
  isNewCode(id: string, code: string): boolean;
}

/**
 * True when the condition (written against the new version) cannot hold for data of the old
 * version: it needs a value of a field that did not exist, or a code that did not exist.
 */
export function cannotHoldForOldData(e: Expr, facts: FieldFacts): boolean {
  return alternatives(e).every(({ expr }) => alternativeCannotHold(expr, facts));
}

function alternativeCannotHold(e: Expr, facts: FieldFacts): boolean {
  switch (e.kind) {
    case 'ref':
      return facts.isNew(e.name);
    case 'call':
      return e.fn === 'filled' && e.args[0]?.kind === 'ref' && facts.isNew(e.args[0].name);
    case 'binary': {
      if (e.op === 'and') return chain(e, 'and').some((c) => alternativeCannotHold(c, facts));
      if (e.op === 'or') return cannotHoldForOldData(e, facts);
      // `!=` holds for an empty value, so it can hold for old data.
      if (e.left.kind !== 'ref' || e.op === '!=') return false;
      if (facts.isNew(e.left.name)) return true;
      return (
        (e.op === '=' || e.op === 'contains') &&
        e.right.kind === 'str' &&
        facts.isNewCode(e.left.name, e.right.value)
      );
    }
    default:
      return false;
  }
}
