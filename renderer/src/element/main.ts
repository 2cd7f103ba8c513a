// Entry of the one-file bundle: loading it defines <regforms-form>.
import { defineRegformsForm } from './regforms-form.tsx';

defineRegformsForm();

export { RegformsFormElement } from './regforms-form.tsx';
