import { catalogProblems } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { UI_CATALOG } from './i18n.tsx';

const format = (lang: string, key: keyof typeof UI_CATALOG, vars: Record<string, number | string>) =>
  // The same formatter as the studio's t(), without the React provider.
  import('@regforms/runtime').then(({ messageFormatter }) => messageFormatter(UI_CATALOG)(lang, key, vars));

describe('the studio’s words', () => {
  it('are in fr, nl, en and de, each valid ICU with the arguments of the English one', () => {
    expect(Object.keys(UI_CATALOG).length).toBeGreaterThan(200);
    expect(catalogProblems(UI_CATALOG)).toEqual([]);
  });

  it('count by each language’s rules instead of writing “(s)”', async () => {
    expect(await format('en', 'changeCount', { n: 1 })).toBe('1 change.');
    expect(await format('en', 'changeCount', { n: 2 })).toBe('2 changes.');
    expect(await format('fr', 'changeCount', { n: 0 })).toBe('0 changement.');
    expect(await format('nl', 'changeCount', { n: 0 })).toBe('0 wijzigingen.');
    expect(await format('en', 'migrationSomeLost', { n: 1, lost: 2 })).toBe(
      '1 answer is kept; 2 no longer fit and are listed before you move it.',
    );
    expect(await format('de', 'migrationLeftBehind', { n: 1 })).toBe('1 Antwort wurde nicht übernommen:');
    for (const entry of Object.values(UI_CATALOG))
      for (const text of Object.values(entry)) expect(text).not.toMatch(/\w\((s|en|n|e)\)/);
  });
});
