/* The one message system: plurals per language, and no locale lookup for the catalog's languages. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageFormatter } from './messages.ts';

const format = messageFormatter({
  rows: {
    en: '{n, plural, one {# row} other {# rows}} in {file}',
    fr: '{n, plural, one {# ligne} other {# lignes}} dans {file}',
    nl: '{n, plural, one {# rij} other {# rijen}} in {file}',
  },
});

describe('messageFormatter', () => {
  afterEach(() => vi.restoreAllMocks());

  it("counts by each language's plural rules (French: 0 and 1 are singular)", () => {
    expect(format('fr', 'rows', { n: 0, file: 'a.csv' })).toBe('0 ligne dans a.csv');
    expect(format('fr', 'rows', { n: 2, file: 'a.csv' })).toBe('2 lignes dans a.csv');
    expect(format('en', 'rows', { n: 0, file: 'a.csv' })).toBe('0 rows in a.csv');
    expect(format('nl-BE', 'rows', { n: 1, file: 'a.csv' })).toBe('1 rij in a.csv');
    // A language the entry lacks falls back to English.
    expect(format('de', 'rows', { n: 1, file: 'a.csv' })).toBe('1 row in a.csv');
  });

  it("formats the catalog's languages without asking the engine which locales it supports", () => {
    // The first such lookup in a page costs tens of milliseconds (before a form's first paint).
    const lookup = vi.spyOn(Intl.NumberFormat, 'supportedLocalesOf');
    const fresh = messageFormatter({
      one: { en: '{n, plural, one {# file} other {# files}}', de: '{n} Dateien' },
    });
    expect(fresh('de', 'one', { n: 3 })).toBe('3 Dateien');
    expect(fresh('en', 'one', { n: 1 })).toBe('1 file');
    expect(lookup).not.toHaveBeenCalled();
  });
});
