import { describe, expect, it } from 'vitest';
import { canonicalJson, compareVersions, comparisonBase, didYouMean, mostRecent } from './catalog.ts';

const v = (version: string, status: 'draft' | 'published' = 'published') => ({ version, status });

describe('version rules', () => {
  it('sorts by semver: numbers as numbers, pre-releases before their release, rc.2 before rc.10', () => {
    const sorted = ['1.10.0', '1.2.0', '2.0.0-rc.10', '2.0.0', '2.0.0-rc.2', '1.2.0-beta'].sort(
      compareVersions,
    );
    expect(sorted).toEqual(['1.2.0-beta', '1.2.0', '1.10.0', '2.0.0-rc.2', '2.0.0-rc.10', '2.0.0']);
  });

  it('puts a version that is not semver after every version instead of throwing', () => {
    expect(['next', '1.0.0'].sort(compareVersions)).toEqual(['1.0.0', 'next']);
  });

  it('the most recent version is the highest published one; a draft never is', () => {
    expect(mostRecent([v('1.0.0'), v('2.1.0', 'draft'), v('2.0.0')])?.version).toBe('2.0.0');
    expect(mostRecent([v('1.0.0', 'draft')])).toBeUndefined();
  });

  it('a version is compared with the highest published version below it', () => {
    const all = [v('1.0.0'), v('1.1.0', 'draft'), v('2.0.0'), v('2.1.0', 'draft'), v('2.2.0', 'draft')];
    expect(comparisonBase(all, '2.2.0')?.version).toBe('2.0.0');
    expect(comparisonBase(all, '2.0.0')?.version).toBe('1.0.0');
    expect(comparisonBase(all, '1.1.0')?.version).toBe('1.0.0');
    expect(comparisonBase(all, '1.0.0')).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('writes every object with its keys sorted, arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('applies a replacer before sorting', () => {
    expect(canonicalJson({ b: 1, loc: 3, a: 2 }, (k, x) => (k === 'loc' ? undefined : x))).toBe(
      '{"a":2,"b":1}',
    );
  });
});

describe('didYouMean', () => {
  it('suggests the closest name within a third of its length, or nothing', () => {
    expect(didYouMean('hospitalization', ['hospitalisation', 'follow-up'])).toBe('hospitalisation');
    expect(didYouMean('xyz', ['hospitalisation'])).toBeUndefined();
  });
});
