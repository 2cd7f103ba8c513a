/* The compiler's generic messages: every language has every key, with the same placeholders. */
import { GENERIC_MESSAGES } from '@regforms/compiler';
import { catalogProblems, type MessageCatalog } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';

describe('the generic messages of compiled forms', () => {
  it('are in fr, nl, en and de, with the arguments of the English one', () => {
    const catalog: MessageCatalog = Object.fromEntries(
      Object.keys(GENERIC_MESSAGES.en!).map((key) => [
        key,
        Object.fromEntries(
          ['fr', 'nl', 'en', 'de'].map((lang) => [lang, GENERIC_MESSAGES[lang]?.[key] ?? '']),
        ),
      ]),
    ) as MessageCatalog;
    expect(catalogProblems(catalog)).toEqual([]);
    for (const lang of Object.keys(GENERIC_MESSAGES))
      expect(Object.keys(GENERIC_MESSAGES[lang]!).sort(), lang).toEqual(
        Object.keys(GENERIC_MESSAGES.en!).sort(),
      );
  });
});
