import { describe, expect, it } from 'vitest';
import { toCompiled } from './ast.ts';
import { evaluate } from './evaluate.ts';
import { parseExpression } from './parse.ts';

function parse(src: string) {
  const r = parseExpression(src);
  if ('error' in r) throw new Error(r.error.message);
  return r.expr;
}

function run(src: string, data: Record<string, unknown>, now = new Date('2024-06-01T10:00:00Z')) {
  return evaluate(
    toCompiled(parse(src), (id) => id),
    { lookup: (n) => data[n], now },
  );
}

describe('parseExpression', () => {
  it('parses precedence: and binds tighter than or, not tighter than and', () => {
    const e = parse("a = '1' or not b and c > 2");
    expect(e.kind).toBe('binary');
    if (e.kind === 'binary') {
      expect(e.op).toBe('or');
      expect(e.right.kind === 'binary' && e.right.op).toBe('and');
    }
  });

  it('keeps spans that point into the source', () => {
    const src = "indication = 'STEMI'";
    const e = parse(src);
    expect(e.kind === 'binary' && src.slice(e.right.span.start, e.right.span.end)).toBe("'STEMI'");
  });

  it.each([
    ["a == '1'", "'==' is written '=' here", 2],
    ['a && b', "'&&' is written 'and' here", 2],
    ["a = '1", 'This text has no closing quote', 4],
    ['a = ', 'The expression ends too early', 4],
    ["a in '1'", "'in' needs a list", 5],
    ['foo(1)', "Unknown function 'foo'", 0],
    ['round()', 'round() takes 1 to 2 arguments, not 0', 0],
    ['1 < a < 3', 'Comparisons cannot be chained', 6],
    ["a = '1' b", "Unexpected 'b'", 8],
    ['a = #', "Unexpected character '#'", 4],
  ])('reports %s at its offset', (src, message, start) => {
    const r = parseExpression(src);
    expect('error' in r && r.error.message).toBe(message);
    expect('error' in r && r.error.span.start).toBe(start);
  });
});

describe('evaluate', () => {
  it('computes BMI', () => {
    expect(run('round(w / ((h / 100) ^ 2), 1)', { w: 80, h: 180 })).toBe(24.7);
  });
  it('is null when an input is missing, so checks wait for data', () => {
    expect(run('w / h', { w: 80 })).toBeNull();
    expect(run('d2 >= d1', { d1: '2024-01-01' })).toBeNull();
  });
  it('compares ISO dates and counts days and years', () => {
    expect(run('d2 >= d1', { d1: '2024-01-01', d2: '2023-12-31' })).toBe(false);
    expect(run('days(d1, d2)', { d1: '2024-01-01', d2: '2024-03-01' })).toBe(60);
    expect(run('years(dob, today())', { dob: '1990-06-02' })).toBe(33);
  });
  it('handles in, contains, empty and filled', () => {
    expect(run("x in ['1', '2']", { x: '2' })).toBe(true);
    expect(run("m contains 'A'", { m: ['B', 'A'] })).toBe(true);
    expect(run('empty(m)', { m: [] })).toBe(true);
    expect(run('filled(x)', { x: '' })).toBe(false);
  });
  it('uses three-valued and/or', () => {
    expect(run("a = '1' and b = '2'", { a: '0' })).toBe(false);
    expect(run("a = '1' or b = '2'", { a: '1' })).toBe(true);
    expect(run("a = '1' or b = '2'", { a: '0' })).toBeNull();
  });
});
