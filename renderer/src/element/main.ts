// Entry of the one-file bundle: loading it defines <regforms-form>.
import { defineRegformsForm } from './regforms-form.tsx';

defineRegformsForm();

export { RegformsFormElement } from './regforms-form.tsx';

declare global {
  interface HTMLElementTagNameMap {
    'regforms-form': import('./regforms-form.tsx').RegformsFormElement;
  }
}
