export { defineRegformsForm, RegformsFormElement } from './element/regforms-form.tsx';
export type { RegistryFormApi, RegistryFormProps } from './form/RegistryForm.tsx';
export { RegistryForm, toAjvErrors } from './form/RegistryForm.tsx';
export { UI_STRINGS } from './form/strings.ts';
export { regformsRenderers } from './renderers/index.ts';
