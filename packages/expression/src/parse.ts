/*
 * Parser of the condition/expression language. Hand-written rather than taken from a
 * general expression library (jsep, filtrex, jexl) because the checker needs a span on every
 * node to point diagnostics inside a YAML string, the grammar is tiny (a dozen operators),
 * and its words (`and`, `in`, `contains`, `=`) are chosen for registry designers, not for
 * JavaScript programmers.
 */
import { type BinaryOp, type Expr, FUNCTIONS, type FunctionName, type Span } from './ast.ts';

export interface ParseError {
  message: string;
  hint: string;
  span: Span;
}

type Token =
  | { t: 'num'; value: number; span: Span }
  | { t: 'str'; value: string; span: Span }
  | { t: 'id'; value: string; span: Span }
  | { t: 'op'; value: string; span: Span }
  | { t: 'end'; span: Span };

const KEYWORD_OPS = new Set(['and', 'or', 'not', 'in', 'contains']);
const SYMBOLS = [
  '<=',
  '>=',
  '!=',
  '==',
  '&&',
  '||',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '^',
  '(',
  ')',
  '[',
  ']',
  ',',
];

class Failure extends Error {
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

function fail(message: string, span: Span, hint: string): never {
  throw new Failure({ message, span, hint });
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (i < src.length && /[0-9.]/.test(src[i]!)) i++;
      const text = src.slice(start, i);
      const value = Number(text);
      if (Number.isNaN(value))
        fail(`'${text}' is not a number`, { start, end: i }, 'Write numbers like 12 or 12.5.');
      tokens.push({ t: 'num', value, span: { start, end: i } });
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      let value = '';
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        value += src[i];
        i++;
      }
      if (i >= src.length) fail('This text has no closing quote', { start, end: i }, `Close it with ${c}.`);
      i++;
      tokens.push({ t: 'str', value, span: { start, end: i } });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      const word = src.slice(start, i);
      tokens.push(
        KEYWORD_OPS.has(word)
          ? { t: 'op', value: word, span: { start, end: i } }
          : { t: 'id', value: word, span: { start, end: i } },
      );
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (!sym) fail(`Unexpected character '${c}'`, { start, end: i + 1 }, 'Remove it or quote it as text.');
    i += sym.length;
    const span = { start, end: i };
    if (sym === '==') fail("'==' is written '=' here", span, "Write a single '=' to compare.");
    if (sym === '&&') fail("'&&' is written 'and' here", span, "Write 'and'.");
    if (sym === '||') fail("'||' is written 'or' here", span, "Write 'or'.");
    tokens.push({ t: 'op', value: sym, span });
  }
  tokens.push({ t: 'end', span: { start: src.length, end: src.length } });
  return tokens;
}

const COMPARE = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** Parses an expression; returns the tree or the first syntax error with its span. */
export function parseExpression(src: string): { expr: Expr } | { error: ParseError } {
  try {
    const tokens = tokenize(src);
    let pos = 0;
    const peek = (): Token => tokens[pos]!;
    const next = (): Token => tokens[pos++]!;
    const isOp = (v: string): boolean => {
      const t = peek();
      return t.t === 'op' && t.value === v;
    };
    const expect = (v: string, hint: string): Token => {
      const t = peek();
      if (t.t === 'op' && t.value === v) return next();
      return fail(`Expected '${v}' here`, t.span, hint);
    };
    const span = (a: Span, b: Span): Span => ({ start: a.start, end: b.end });

    const orExpr = (): Expr => {
      let left = andExpr();
      while (isOp('or')) {
        next();
        const right = andExpr();
        left = { kind: 'binary', op: 'or', left, right, span: span(left.span, right.span) };
      }
      return left;
    };
    const andExpr = (): Expr => {
      let left = notExpr();
      while (isOp('and')) {
        next();
        const right = notExpr();
        left = { kind: 'binary', op: 'and', left, right, span: span(left.span, right.span) };
      }
      return left;
    };
    const notExpr = (): Expr => {
      if (isOp('not')) {
        const t = next();
        const arg = notExpr();
        return { kind: 'not', arg, span: span(t.span, arg.span) };
      }
      return compare();
    };
    const compare = (): Expr => {
      const left = additive();
      const t = peek();
      if (t.t === 'op' && (COMPARE.has(t.value) || t.value === 'in' || t.value === 'contains')) {
        next();
        const right = additive();
        const op = t.value as BinaryOp;
        if (op === 'in' && right.kind !== 'list')
          fail("'in' needs a list", right.span, "Write the values in brackets: x in ['1', '2'].");
        const out: Expr = { kind: 'binary', op, left, right, span: span(left.span, right.span) };
        const after = peek();
        if (after.t === 'op' && COMPARE.has(after.value))
          fail('Comparisons cannot be chained', after.span, "Join two comparisons with 'and'.");
        return out;
      }
      return left;
    };
    const additive = (): Expr => {
      let left = multiplicative();
      while (isOp('+') || isOp('-')) {
        const op = (next() as { value: string }).value as BinaryOp;
        const right = multiplicative();
        left = { kind: 'binary', op, left, right, span: span(left.span, right.span) };
      }
      return left;
    };
    const multiplicative = (): Expr => {
      let left = unary();
      while (isOp('*') || isOp('/')) {
        const op = (next() as { value: string }).value as BinaryOp;
        const right = unary();
        left = { kind: 'binary', op, left, right, span: span(left.span, right.span) };
      }
      return left;
    };
    const unary = (): Expr => {
      if (isOp('-')) {
        const t = next();
        const arg = unary();
        return { kind: 'neg', arg, span: span(t.span, arg.span) };
      }
      return power();
    };
    const power = (): Expr => {
      const base = primary();
      if (isOp('^')) {
        next();
        const exp = unary();
        return { kind: 'binary', op: '^', left: base, right: exp, span: span(base.span, exp.span) };
      }
      return base;
    };
    const primary = (): Expr => {
      const t = next();
      switch (t.t) {
        case 'num':
          return { kind: 'num', value: t.value, span: t.span };
        case 'str':
          return { kind: 'str', value: t.value, span: t.span };
        case 'id': {
          if (t.value === 'true' || t.value === 'false')
            return { kind: 'bool', value: t.value === 'true', span: t.span };
          if (isOp('(')) {
            next();
            const args: Expr[] = [];
            if (!isOp(')')) {
              args.push(orExpr());
              while (isOp(',')) {
                next();
                args.push(orExpr());
              }
            }
            const close = expect(')', 'Close the argument list with ).');
            const fnSpan = span(t.span, close.span);
            if (!(t.value in FUNCTIONS))
              fail(
                `Unknown function '${t.value}'`,
                t.span,
                `Known functions: ${Object.keys(FUNCTIONS).join(', ')}.`,
              );
            const fn = t.value as FunctionName;
            const [lo, hi] = FUNCTIONS[fn].arity;
            if (args.length < lo || args.length > hi)
              fail(
                `${fn}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'}, not ${args.length}`,
                fnSpan,
                'Fix the number of arguments.',
              );
            return { kind: 'call', fn, args, span: fnSpan };
          }
          return { kind: 'ref', name: t.value, span: t.span };
        }
        case 'op': {
          if (t.value === '(') {
            const inner = orExpr();
            expect(')', 'Close the parenthesis.');
            return inner;
          }
          if (t.value === '[') {
            const items: Expr[] = [];
            if (!isOp(']')) {
              items.push(orExpr());
              while (isOp(',')) {
                next();
                items.push(orExpr());
              }
            }
            const close = expect(']', 'Close the list with ].');
            return { kind: 'list', items, span: span(t.span, close.span) };
          }
          return fail(
            `Unexpected '${t.value}'`,
            t.span,
            'A value, a field id, a function call or ( is expected here.',
          );
        }
        case 'end':
          return fail('The expression ends too early', t.span, 'Complete the expression.');
      }
    };

    const expr = orExpr();
    const rest = peek();
    if (rest.t !== 'end')
      fail(
        `Unexpected '${src.slice(rest.span.start, rest.span.end)}'`,
        rest.span,
        "Join conditions with 'and' / 'or'; quote text values.",
      );
    return { expr };
  } catch (e) {
    if (e instanceof Failure) return { error: e.error };
    throw e;
  }
}
