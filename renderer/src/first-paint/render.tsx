/*
 * A form's first paint, rendered on a server (react-dom/server): the header, the navigation
 * and the first section, with their styles, as the element paints them once React has loaded.
 * A page shows it before any of the element's code has run, so the clinician sees the form and
 * can start typing while React, MUI and JSON Forms load (~0.5 MB of script); the element then
 * takes over what was typed (takeover.ts).
 *
 * Written beside form.json by whoever serves the forms (the example portal's build, the
 * benchmark); a host with Node can write them with `firstPaints`. A new, empty registration:
 * an element that opens a saved one (registration="…") or read-only does not use it.
 */
import { CacheProvider } from '@emotion/react';
import { clearAllIds } from '@jsonforms/core';
import { createTheme } from '@mui/material/styles';
import type { CompiledForm } from '@regforms/runtime';
import { renderToString } from 'react-dom/server';
import { styleCache } from '../element/styles.ts';
import { RegistryForm } from '../form/RegistryForm.tsx';
import { regformsRenderers } from '../renderers/index.ts';
import { FIRST_PAINT_ATTRIBUTE, firstPaintFile } from './files.ts';

/**
 * What MUI does with script, done with CSS while its script is not there: a text field's label
 * moves up (and the outline opens for it) while the field has the focus or holds text
 * (takeover.ts marks it `data-filled`), and the focused field takes the theme's colour.
 */
function withoutScript(): string {
  const primary = createTheme().palette.primary.main;
  const at = `[${FIRST_PAINT_ATTRIBUTE}] .MuiFormControl-root:is(:focus-within,[data-filled])`;
  return [
    `${at}>label.MuiInputLabel-outlined{transform:translate(14px,-9px) scale(.75);max-width:calc(133% - 32px)}`,
    `${at} fieldset>legend{max-width:100%}`,
    `[${FIRST_PAINT_ATTRIBUTE}] .MuiFormControl-root:focus-within>label{color:${primary}}`,
    `[${FIRST_PAINT_ATTRIBUTE}] .MuiInputBase-root:focus-within>fieldset{border-color:${primary};border-width:2px}`,
    // Its buttons wait for the code (takeover.ts disables them): the pointer says so.
    `[${FIRST_PAINT_ATTRIBUTE}] button:disabled{cursor:progress;pointer-events:auto}`,
  ].join('');
}

/** The first paint of `form` in `lang` (its default language when absent): HTML to put inside <regforms-form>. */
export function firstPaintHtml(form: CompiledForm, lang?: string): string {
  // JSON Forms numbers an id already in use (TX_AUTHOR → TX_AUTHOR42) and frees it when the
  // control unmounts, which never happens on a server: each paint starts from none, so its ids
  // are the ones the live form gives (the takeover finds each field by its id).
  clearAllIds();
  // The element's own style cache (its key, the rules it drops), nothing compiled ahead: its
  // cache takes these styles over instead of adding them again.
  const html = renderToString(
    <CacheProvider value={styleCache({})}>
      <RegistryForm form={form} lang={lang} renderers={regformsRenderers} autosave={0} />
    </CacheProvider>,
  );
  return `<div ${FIRST_PAINT_ATTRIBUTE}="${form.meta.hash}"><style>${withoutScript()}</style>${html}</div>`;
}

/** Every first paint of a form, by file name: the default language's, then one per language. */
export function firstPaints(form: CompiledForm): Record<string, string> {
  const out: Record<string, string> = { [firstPaintFile()]: firstPaintHtml(form) };
  for (const lang of Object.keys(form.i18n)) out[firstPaintFile(lang)] = firstPaintHtml(form, lang);
  return out;
}
