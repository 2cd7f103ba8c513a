// @vitest-environment node
/*
 * The first paint, rendered on a server (react-dom/server, no DOM): the title and the first
 * section's inputs, with their styles, under the wrapper the element recognises; the same ids
 * as the live form on every render; one file per language.
 */
import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { describe, expect, it } from 'vitest';
import { sectionsOf } from '../session/sections.ts';
import { FIRST_PAINT_ATTRIBUTE, firstPaintFile } from './files.ts';
import { firstPaintHtml, firstPaints } from './render.tsx';

const root = join(import.meta.dirname, '..', '..', '..');
const inputIds = (html: string) => [...html.matchAll(/<input[^>]* id="([^"]+)"/g)].map((m) => m[1]!);

describe('firstPaintHtml', () => {
  const demo = compileDefinitions(readDefinitionFiles(join(root, 'tests', 'fixtures', 'demo'))).forms[0]!;
  const largest = compileDefinitions(readDefinitionFiles(join(root, 'definitions')))
    .forms.filter((f) => f.meta.status === 'published')
    .reduce((a, b) => (b.logic.fields.length > a.logic.fields.length ? b : a));

  it.each([
    ['demo', demo],
    ['the largest real form', largest],
  ])('renders the title and the first section of %s, and no other section', (_, form) => {
    const html = firstPaintHtml(form, 'fr');
    expect(html.startsWith(`<div ${FIRST_PAINT_ATTRIBUTE}="${form.meta.hash}">`)).toBe(true);
    expect(html).toContain(`>${form.i18n.fr!['form.title']}</h1>`);
    const [first, ...rest] = sectionsOf(form);
    const ids = inputIds(html);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(first!.names.some((n) => id.startsWith(`#/properties/${n}`))).toBe(true);
    for (const section of rest)
      for (const n of section.names) expect(ids.some((id) => id.startsWith(`#/properties/${n}`))).toBe(false);
    // The styles travel with the markup (emotion's server rendering), under the element's key,
    // with the CSS that stands in for MUI's script until it has loaded.
    expect(html).toMatch(/<style data-emotion="regforms [^"]+">/);
    expect(html).toContain(`[${FIRST_PAINT_ATTRIBUTE}] .MuiFormControl-root:is(:focus-within,[data-filled])`);
  });

  it('gives the live form’s ids on every render (JSON Forms would number an id still in use)', () => {
    const once = inputIds(firstPaintHtml(largest, 'fr'));
    const again = inputIds(firstPaintHtml(largest, 'fr'));
    expect(again).toEqual(once);
    for (const id of once) expect(id).toMatch(/^#\/properties\/[A-Z0-9_]+?-input$/);
    expect(once).toContain('#/properties/TX_AUTHOR-input');
  });

  it('follows the language: one file per language, and the default language’s', () => {
    const files = firstPaints(demo);
    expect(Object.keys(files).sort()).toEqual(
      ['first-paint.html', ...Object.keys(demo.i18n).map((l) => `first-paint.${l}.html`)].sort(),
    );
    expect(files['first-paint.nl.html']).toContain(`>${demo.i18n.nl!['form.title']}</h1>`);
    expect(files['first-paint.html']).toContain(
      `>${demo.i18n[demo.meta.defaultLanguage]!['form.title']}</h1>`,
    );
  });

  it('names no file from a language that is not a language tag', () => {
    expect(firstPaintFile('fr')).toBe('first-paint.fr.html');
    expect(firstPaintFile('de-BE')).toBe('first-paint.de-BE.html');
    for (const lang of ['../x', 'fr/../../a', '', null, undefined, 'fr.html?'])
      expect(firstPaintFile(lang)).toBe('first-paint.html');
  });
});
