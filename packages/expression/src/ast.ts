/** Offsets into the expression text, so diagnostics can point inside a YAML string. */
export interface Span {
  start: number;
  end: number;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/' | '^';
export type BinaryOp = CompareOp | ArithOp | 'in' | 'contains' | 'and' | 'or';

/** The functions of the language; `arity` is [min, max] arguments. */
export const FUNCTIONS = {
  empty: { arity: [1, 1], returns: 'boolean', inConditions: true },
  filled: { arity: [1, 1], returns: 'boolean', inConditions: true },
  round: { arity: [1, 2], returns: 'number', inConditions: false },
  min: { arity: [2, 9], returns: 'number', inConditions: false },
  max: { arity: [2, 9], returns: 'number', inConditions: false },
  today: { arity: [0, 0], returns: 'date', inConditions: false },
  days: { arity: [2, 2], returns: 'number', inConditions: false },
  years: { arity: [2, 2], returns: 'number', inConditions: false },
  count: { arity: [1, 1], returns: 'number', inConditions: false },
  pseudocode: { arity: [4, 4], returns: 'string', inConditions: false },
} as const satisfies Record<
  string,
  { arity: readonly [number, number]; returns: string; inConditions: boolean }
>;
export type FunctionName = keyof typeof FUNCTIONS;

/** An expression as parsed, with spans (used by the checker). */
export type Expr =
  | { kind: 'num'; value: number; span: Span }
  | { kind: 'str'; value: string; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'ref'; name: string; span: Span }
  | { kind: 'call'; fn: FunctionName; args: Expr[]; span: Span }
  | { kind: 'not'; arg: Expr; span: Span }
  | { kind: 'neg'; arg: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span };

/**
 * The same tree without spans, as stored in a compiled form: `ref` names a data key
 * (a technical name), so a consumer needs no definition to evaluate it.
 */
export type CompiledExpr =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'list'; items: CompiledExpr[] }
  | { kind: 'ref'; name: string }
  | { kind: 'call'; fn: FunctionName; args: CompiledExpr[] }
  | { kind: 'not'; arg: CompiledExpr }
  | { kind: 'neg'; arg: CompiledExpr }
  | { kind: 'binary'; op: BinaryOp; left: CompiledExpr; right: CompiledExpr };

/** Strips spans and renames references (field id → technical name). */
export function toCompiled(expr: Expr, rename: (id: string) => string): CompiledExpr {
  switch (expr.kind) {
    case 'num':
    case 'str':
    case 'bool':
      return { kind: expr.kind, value: expr.value } as CompiledExpr;
    case 'list':
      return { kind: 'list', items: expr.items.map((i) => toCompiled(i, rename)) };
    case 'ref':
      return { kind: 'ref', name: rename(expr.name) };
    case 'call':
      return { kind: 'call', fn: expr.fn, args: expr.args.map((a) => toCompiled(a, rename)) };
    case 'not':
    case 'neg':
      return { kind: expr.kind, arg: toCompiled(expr.arg, rename) };
    case 'binary':
      return {
        kind: 'binary',
        op: expr.op,
        left: toCompiled(expr.left, rename),
        right: toCompiled(expr.right, rename),
      };
  }
}

/** Every field reference in an expression, in order of appearance. */
export function references(expr: Expr): Extract<Expr, { kind: 'ref' }>[] {
  const out: Extract<Expr, { kind: 'ref' }>[] = [];
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'ref':
        out.push(e);
        return;
      case 'list':
        e.items.forEach(walk);
        return;
      case 'call':
        e.args.forEach(walk);
        return;
      case 'not':
      case 'neg':
        walk(e.arg);
        return;
      case 'binary':
        walk(e.left);
        walk(e.right);
        return;
      default:
        return;
    }
  };
  walk(expr);
  return out;
}
