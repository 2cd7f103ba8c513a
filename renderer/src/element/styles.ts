/*
 * The element's style cache (emotion, under which MUI styles every component), with the CSS of
 * the style blocks a first section paints compiled ahead of time.
 *
 * Why: emotion turns each component's styles into CSS rules with stylis the first time the
 * component renders. On the first paint of the largest real form that was about a third of
 * React's work (~40 style blocks, some of them large nested stylesheets). The rules depend only
 * on the styles, which emotion already hashes into the class name, so they can be compiled
 * once: first-styles.gen.json, written by `pnpm generate` from a specimen section with every
 * control, rendered with production React and MUI (renderer/scripts/first-styles.ts); a test
 * fails when it is stale.
 *
 * Nothing changes in what emotion does otherwise: each block is still inserted when a
 * component first renders it, in the same order, so the cascade is the same; a block not
 * compiled ahead (an error state, a control the specimen lacks) is compiled by stylis as before.
 * Its own key keeps these styles apart from a host page's emotion (MUI's default key is `css`).
 */
import createCache, { type EmotionCache, type StylisPlugin } from '@emotion/cache';
import { prefixer } from 'stylis';

export const STYLE_KEY = 'regforms';

/** CSS rules by style block: the class name's hash, `@` before it for a block without a selector (keyframes, global). */
export type PrecompiledStyles = Readonly<Record<string, readonly string[]>>;

/**
 * Drops the rules that select `:invalid`. MUI's input has one (`&:invalid { box-shadow: none }`,
 * against Firefox's red glow on an invalid required field), and a single `:invalid` rule in the
 * page makes Chromium restyle the input and its form at every keystroke: each value change marks
 * the field's validity stale, and the style of every element a `:valid`/`:invalid` rule could
 * match is recomputed (~0.4 ms of each keystroke's task on the synthetic form, traced). The
 * rule never applies to our inputs: they carry no constraint the browser checks (required is
 * aria-required, dates and numbers are text inputs, the validator reports what is wrong).
 */
export const withoutInvalid: StylisPlugin = (element) => {
  if (element.type !== 'rule' || !Array.isArray(element.props)) return;
  const kept = element.props.filter((selector) => !selector.includes(':invalid'));
  if (kept.length === element.props.length) return;
  element.props = kept;
  // A rule without children is not written out (stylis' stringify).
  if (kept.length === 0) element.children = [];
};

const blockId = (selector: string, name: string) => (selector ? name : `@${name}`);

/**
 * An emotion cache that inserts the rules of `precompiled` without compiling them. `compiled`
 * hears of every block it had to compile itself (the generator collects them with it).
 */
export function styleCache(
  precompiled: PrecompiledStyles,
  compiled?: (id: string, rules: string[]) => void,
): EmotionCache {
  // emotion's own plugin (vendor prefixes) stays: stylisPlugins replaces its default list.
  const cache = createCache({ key: STYLE_KEY, stylisPlugins: [withoutInvalid, prefixer as StylisPlugin] });
  const compile = cache.insert;
  cache.insert = (selector, serialized, sheet, shouldCache) => {
    const id = blockId(selector, serialized.name);
    const rules = precompiled[id];
    // Rules compiled for this key's class name only (the selector is written into them).
    if (rules && (selector === '' || selector === `.${STYLE_KEY}-${serialized.name}`)) {
      for (const rule of rules) sheet.insert(rule);
      if (shouldCache) cache.inserted[serialized.name] = true;
      return undefined;
    }
    if (!compiled) return compile(selector, serialized, sheet, shouldCache);
    const got: string[] = [];
    compile(
      selector,
      serialized,
      { insert: (rule: string) => got.push(rule) } as unknown as typeof sheet,
      shouldCache,
    );
    for (const rule of got) sheet.insert(rule);
    compiled(id, got);
    return undefined;
  };
  return cache;
}
