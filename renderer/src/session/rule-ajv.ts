/*
 * The "ajv" JSON Forms is given. Validation is the session's own (validationMode
 * NoValidation), so JSON Forms only asks whether a UI rule's condition holds
 * (`ajv.validate(condition.schema, value)`): answered by the form's compiled conditions
 * (the validators module, or a run-time compilation for a bare form.json), never by compiling
 * a schema in the browser, which a Content Security Policy without 'unsafe-eval' forbids.
 */
import { conditionOf, type JsonSchema } from '@regforms/runtime';
import type Ajv from 'ajv';

export const ruleAjv = {
  validate: (schema: JsonSchema, data: unknown) => conditionOf(schema)(data),
  compile() {
    throw new Error('regforms validates forms itself: give JSON Forms validationMode="NoValidation".');
  },
} as unknown as Ajv;
