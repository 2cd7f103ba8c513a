/*
 * The bad-input corpus: each folder lays broken files over _base/ and lists in expected.yaml
 * every diagnostic it must give (code and file:line:col), no more, no fewer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES, sortDiagnostics } from '@regforms/definition';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CORPUS, cases, runCase } from './corpus.ts';

describe('bad-input corpus', () => {
  it('has the cases the format promises to catch', () => {
    expect(cases().length).toBeGreaterThanOrEqual(18);
  });

  it.each(cases())('%s gives exactly the expected diagnostics', (name) => {
    const expected = parse(readFileSync(join(CORPUS, name, 'expected.yaml'), 'utf8')) as {
      code: string;
      at: string;
    }[];
    const actual = sortDiagnostics(runCase(name));
    expect(actual.map((d) => ({ code: d.code, at: `${d.file}:${d.line}:${d.col}` }))).toEqual(expected);
    for (const d of actual) {
      expect(d.code in DIAGNOSTIC_CODES).toBe(true);
      expect(d.message).not.toMatch(/undefined|\[object/);
      expect(d.hint.length).toBeGreaterThan(10);
    }
  });

  it('the base itself is clean', () => {
    expect(runCase('_base')).toEqual([]);
  });
});
