/*
 * The Markdown dictionary carries text from a definition to whatever renders it: hostile
 * labels, help, titles and codes must come out as the text they are. Rendered here with
 * markdown-it as a permissive viewer would (raw HTML allowed, bare links turned into links).
 */
import { dictionaryMarkdown, markdownCode, markdownText } from '@regforms/csv';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { compileDir } from '../support.ts';

const viewer = new MarkdownIt({ html: true, linkify: true });
const form = compileDir(`${import.meta.dirname}/../fixtures/demo`).forms[0]!;

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[click](javascript:alert(1))',
  '![x](https://evil.example/pixel.png)',
  'see https://evil.example/x and www.evil.example',
  'mail admin@evil.example',
  '**bold** _em_ ~~strike~~ `code`',
  'a | b | c',
  '&lt;b&gt; &amp; <b>',
  'line\nbreak\r\n# heading',
  '\\| backslash',
];

/** The text a reader sees in the rendered HTML (tags removed, entities decoded). */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();

describe('the Markdown dictionary', () => {
  it.each(HOSTILE)('renders %j as that text, with no tag, link or emphasis of its own', (text) => {
    const html = viewer.renderInline(markdownText(text));
    expect(html).not.toMatch(/<(?!\/?(p)>)[a-z!/]/i);
    expect(visible(html)).toBe(text.replace(/[\r\n]+/g, ' '));
    const code = viewer.renderInline(markdownCode(text));
    expect(code).not.toMatch(/<(?!\/?code>)[a-z!/]/i);
  });

  it('keeps a hostile label, code label and title inside their table cells', () => {
    const hostile = structuredClone(form);
    for (const bundle of Object.values(hostile.i18n)) {
      bundle['form.title'] = '<script>alert(1)</script> | # title';
      bundle['CD_INDICATN.label'] = '<img src=x onerror=alert(1)> | https://evil.example';
      bundle['CD_INDICATN.STEMI'] = '[x](javascript:alert(1)) | **y**';
    }
    const md = dictionaryMarkdown(hostile, 'en');
    const html = viewer.render(md);
    // No element but the page's own structure: heading, paragraph, table, code.
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['code', 'h1', 'p', 'table', 'tbody', 'td', 'th', 'thead', 'tr']);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<a ');
    // Every row still has its seven cells: no `|` of a label split one.
    for (const row of html.split('<tr>').slice(2)) expect(row.split('<td').length - 1).toBe(7);
    expect(visible(html)).toContain('<img src=x onerror=alert(1)> | https://evil.example');
  });
});
