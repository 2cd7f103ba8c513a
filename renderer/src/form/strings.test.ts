import { catalogProblems } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { RENDERER_MESSAGES, rendererText, translator } from './strings.ts';

describe('the renderer’s words', () => {
  it('are in fr, nl, en and de, each valid ICU with the arguments of the English one', () => {
    expect(catalogProblems(RENDERER_MESSAGES)).toEqual([]);
  });

  it('count by each language’s rules, and a compiled form’s bundle rewords them', () => {
    expect(rendererText('fr', 'repeat.errors', { count: 0 })).toBe('0 erreur');
    expect(rendererText('en', 'repeat.errors', { count: 0 })).toBe('0 errors');
    expect(rendererText('nl-BE', 'repeat.errors', { count: 1 })).toBe('1 fout');
    const t = translator({ send: 'Transmettre', 'form.title': 'Hospitalisation' }, 'fr');
    expect(t('send')).toBe('Transmettre');
    expect(t('save')).toBe('Enregistrer');
    expect(t('form.title')).toBe('Hospitalisation');
    expect(t('NO_SUCH.label', 'fallback')).toBe('fallback');
  });
});
