import { catalogProblems } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { MESSAGES, renderMessage } from './messages.ts';

describe('the message catalog', () => {
  it('has every entry in fr, nl, en and de, each valid ICU with the arguments of the English one', () => {
    expect(catalogProblems(MESSAGES)).toEqual([]);
  });
  it('fills the parameters, falling back to English', () => {
    expect(renderMessage('nl', 'UNKNOWN_ITEM', { linkId: 'X' })).toBe('Het formulier heeft geen vraag X');
    expect(renderMessage('it', 'ONE_ANSWER', { linkId: 'X' })).toBe('X takes one answer');
  });
});
