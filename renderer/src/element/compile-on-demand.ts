/*
 * In the element's build this module stands in for the runtime's ajv.ts (renderer/vite.config.ts):
 * forms come with their validators module, so ajv's compiler is not in the element's script.
 * A host that serves a bare form.json (no validators.js beside it) still gets a working form:
 * the element loads ajv as a chunk of its own first (loadRunTimeCompiler), which works where
 * the page's Content Security Policy allows 'unsafe-eval'.
 */
import type { CompiledForm, ConditionFn, FormValidators, JsonSchema } from '@regforms/runtime';

type RunTimeCompiler = typeof import('@regforms/runtime/ajv');
let compiler: RunTimeCompiler | undefined;

/** Loads ajv's compiler (a separate chunk of the element). */
export async function loadRunTimeCompiler(): Promise<void> {
  compiler ??= await import('@regforms/runtime/ajv');
}

function loaded(): RunTimeCompiler {
  if (!compiler)
    throw new Error(
      'This form has no validators module (validators.js beside form.json, written by `regforms compile`).',
    );
  return compiler;
}

export function compileValidators(form: CompiledForm): FormValidators {
  return loaded().compileValidators(form);
}

export function compileCondition(schema: JsonSchema): ConditionFn {
  return loaded().compileCondition(schema);
}
