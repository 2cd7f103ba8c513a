export { defineRegformsForm, RegformsFormElement } from './element/regforms-form.tsx';
export type { RegistryFormProps } from './form/RegistryForm.tsx';
export { RegistryForm, toAjvErrors } from './form/RegistryForm.tsx';
export type { RendererMessageKey } from './form/strings.ts';
export { RENDERER_MESSAGES, rendererText } from './form/strings.ts';
export { loadControlsOf, regformsRenderers } from './renderers/index.ts';
export type {
  FormSession,
  FormSessionEvents,
  FormSessionOptions,
  FormSessionState,
  Notice,
  SaveState,
} from './session/form-session.ts';
export { createFormSession } from './session/form-session.ts';
export { PendingEdits } from './session/pending-edits.ts';
export { ruleAjv } from './session/rule-ajv.ts';
export type { SectionInfo, SectionStatus } from './session/sections.ts';
export type { UseFormSessionOptions } from './session/use-form-session.ts';
export { useFormSession, useFormSessionSelector, useFormSessionState } from './session/use-form-session.ts';
