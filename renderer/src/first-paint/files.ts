/*
 * Where a form's first paint lies: beside its form.json, one file per language
 * (`first-paint.fr.html`), and `first-paint.html` in the form's default language. Light on
 * purpose (no React): the element's first script reads it.
 */

/** A language tag as a file name may carry it (fr, nl, en, de-BE): nothing else reaches a URL. */
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** The file name of the first paint in `lang`; the default language's when `lang` is absent or not a language tag. */
export function firstPaintFile(lang?: string | null): string {
  return lang && LANG.test(lang) ? `first-paint.${lang}.html` : 'first-paint.html';
}

/** The attribute of the first paint's wrapper: the form's hash it was rendered from. */
export const FIRST_PAINT_ATTRIBUTE = 'data-regforms-first-paint';
