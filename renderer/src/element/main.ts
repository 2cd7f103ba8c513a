/*
 * Entry of the <regforms-form> bundle, the one script a portal loads. It is small: it starts
 * fetching the form of every <regforms-form> on the page (and its validators module) at once,
 * while the element's code (React, MUI, JSON Forms: a chunk beside this file) loads, then
 * defines the element.
 */
// Both requests leave at once: the small one starts the form's fetch while the large one loads.
const loading = import('./regforms-form.tsx');
(await import('./locate.ts')).prefetchForms(document);
const element = await loading;
element.defineRegformsForm();

export const RegformsFormElement: typeof import('./regforms-form.tsx').RegformsFormElement =
  element.RegformsFormElement;
export type RegformsFormElement = import('./regforms-form.tsx').RegformsFormElement;

declare global {
  interface HTMLElementTagNameMap {
    'regforms-form': import('./regforms-form.tsx').RegformsFormElement;
  }
}
