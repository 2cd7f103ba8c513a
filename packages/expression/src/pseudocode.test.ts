import { describe, expect, it } from 'vitest';
import { toCompiled } from './ast.ts';
import { evaluate, pseudocode } from './evaluate.ts';
import { parseExpression } from './parse.ts';

describe('pseudocode()', () => {
  const patient: [string, string, string, string] = ['1950-02-03', 'F', 'Dupont-Lévêque', 'Anne'];
  it('is stable, insensitive to accents, case and separators, and shows no clear value', () => {
    const a = pseudocode(patient)!;
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(pseudocode(['1950-02-03', 'f', 'DUPONT LEVEQUE', 'anne'])).toBe(a);
    expect(pseudocode(['1950-02-03', 'F', 'Dupont-Lévêque', 'Anna'])).not.toBe(a);
    expect(pseudocode(['1950-02-04', 'F', 'Dupont-Lévêque', 'Anne'])).not.toBe(a);
    expect(a).not.toContain('DUPONT');
  });
  it('waits for every input', () => {
    expect(pseudocode(['1950-02-03', '', 'Dupont', 'Anne'])).toBeUndefined();
    expect(pseudocode(['1950-02-03', 'F', '---', 'Anne'])).toBeUndefined();
  });
  it('is a function of the expression language, empty while an input is', () => {
    const parsed = parseExpression('pseudocode(dob, sex, last, first)');
    if ('error' in parsed) throw new Error(parsed.error.message);
    const expr = toCompiled(parsed.expr, (id) => id);
    const data: Record<string, unknown> = {
      dob: '1950-02-03',
      sex: 'F',
      last: 'Dupont-Lévêque',
      first: 'Anne',
    };
    expect(evaluate(expr, { lookup: (n) => (data[n] ?? null) as never })).toBe(pseudocode(patient));
    delete data.first;
    expect(evaluate(expr, { lookup: (n) => (data[n] ?? null) as never })).toBeNull();
  });
});
