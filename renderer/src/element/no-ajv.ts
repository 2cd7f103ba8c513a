/*
 * In the element's build, `ajv` and `ajv-formats` as imported by @jsonforms/core: JSON Forms
 * only builds an ajv of its own when it is given none, and RegistryForm always gives it one
 * (session/rule-ajv.ts). Left out, ajv's compiler is not in the element's script.
 */
export default class NoAjv {
  constructor() {
    throw new Error('regforms gives JSON Forms its own ajv (rule-ajv.ts); none is built in the browser.');
  }
}
