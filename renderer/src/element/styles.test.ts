// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import precompiled from './first-styles.gen.json';
import { STYLE_KEY, styleCache } from './styles.ts';

type SerializedStyles = Parameters<ReturnType<typeof styleCache>['insert']>[1];

/** A style sheet that keeps what is inserted into it. */
function recordingSheet() {
  const rules: string[] = [];
  return { rules, sheet: { insert: (rule: string) => rules.push(rule) } as never };
}

const block = (name: string, styles: string): SerializedStyles => ({ name, styles, next: undefined });

describe('the element style cache', () => {
  it('inserts a precompiled block as compiled, without compiling it again', () => {
    const heard: string[] = [];
    const cache = styleCache({ abc: [`.${STYLE_KEY}-abc{color:red;}`] }, (id) => heard.push(id));
    const { rules, sheet } = recordingSheet();
    cache.insert(`.${STYLE_KEY}-abc`, block('abc', 'color:blue;'), sheet, true);
    // The precompiled rules, not the styles given (which would say blue): nothing was compiled.
    expect(rules).toEqual([`.${STYLE_KEY}-abc{color:red;}`]);
    expect(heard).toEqual([]);
    expect(cache.inserted.abc).toBe(true);
  });

  it('compiles a block it has no rules for, as emotion does (nesting, prefixes)', () => {
    const heard: string[] = [];
    const cache = styleCache({}, (id) => heard.push(id));
    const { rules, sheet } = recordingSheet();
    cache.insert(`.${STYLE_KEY}-x1`, block('x1', 'user-select:none;&:hover{color:red;}'), sheet, true);
    expect(rules).toEqual([
      `.${STYLE_KEY}-x1{-webkit-user-select:none;-moz-user-select:none;-ms-user-select:none;user-select:none;}`,
      `.${STYLE_KEY}-x1:hover{color:red;}`,
    ]);
    expect(heard).toEqual(['x1']);
    expect(cache.inserted.x1).toBe(true);
  });

  it('drops the rules that select :invalid, and only those (Chromium restyles each keystroke for them)', () => {
    const cache = styleCache({});
    const { rules, sheet } = recordingSheet();
    cache.insert(
      `.${STYLE_KEY}-v1`,
      block(
        'v1',
        'color:red;&:invalid{box-shadow:none;}&:focus,&:invalid{outline:0;}@media (hover:hover){&:invalid{color:blue;}}',
      ),
      sheet,
      true,
    );
    // Development builds of emotion write an empty block for an at-rule left with nothing in it
    // (for @emotion/jest); production builds write nothing.
    expect(rules.filter((rule) => !rule.endsWith('{}'))).toEqual([
      `.${STYLE_KEY}-v1{color:red;}`,
      `.${STYLE_KEY}-v1:focus{outline:0;}`,
    ]);
  });

  it('keys a block without a selector (keyframes, global styles) apart from a class', () => {
    const cache = styleCache({ '@k1': ['@keyframes k1{from{opacity:0;}}'] });
    const { rules, sheet } = recordingSheet();
    cache.insert('', block('k1', '@keyframes k1{from{opacity:0;}}'), sheet, true);
    cache.insert(`.${STYLE_KEY}-k1`, block('k1', 'opacity:1;'), sheet, false);
    expect(rules).toEqual(['@keyframes k1{from{opacity:0;}}', `.${STYLE_KEY}-k1{opacity:1;}`]);
  });

  it('does not use rules written for another class name', () => {
    const cache = styleCache({ abc: ['.css-abc{color:red;}'] });
    const { rules, sheet } = recordingSheet();
    cache.insert('.other-abc', block('abc', 'color:blue;'), sheet, true);
    expect(rules).toEqual(['.other-abc{color:blue;}']);
  });

  it('has rules compiled ahead, each for its own class name', () => {
    const entries = Object.entries(precompiled as Record<string, string[]>);
    expect(entries.length).toBeGreaterThan(20);
    for (const [id, rules] of entries)
      for (const rule of rules)
        if (!id.startsWith('@') && !rule.startsWith('@')) expect(rule).toContain(`.${STYLE_KEY}-${id}`);
    expect(entries.flatMap(([, rules]) => rules).filter((rule) => rule.includes(':invalid'))).toEqual([]);
  });
});
