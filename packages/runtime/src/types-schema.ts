/*
 * What Save checks, as a schema of its own. Save (validateTypes) keeps a registration Open
 * whatever is missing: it reports the full schema's errors less `required` and `minItems`. The
 * full schema still evaluates every one of them, and in a form with many conditionally required
 * fields that is most of its work (a 1,000-field form: 311 if/then blocks, each building an
 * error object to throw away, for every save and every committed keystroke). This schema leaves
 * them out, so the validator compiled from it (the validators module's `types`) finds the same
 * errors at a fraction of the cost.
 *
 * Only what cannot change Save's answer is left out: `required` and `minItems` where they
 * constrain the data (the schema itself, its properties, items, allOf and if/then/else branches),
 * and an if/then/else whose branches are left with nothing. A condition (`if`), `not`, `anyOf`
 * and `oneOf` are kept as they are: a `required` there changes what they answer.
 */
import type { JsonSchema } from './form.ts';

/** Keywords whose errors Save does not report (validate.ts filters them out of the full schema). */
export const SEND_ONLY_KEYWORDS: ReadonlySet<string> = new Set(['required', 'minItems']);

const isEmpty = (s: unknown) =>
  s === undefined || (typeof s === 'object' && s !== null && Object.keys(s).length === 0);

/** The schema Save validates with: `schema` less what only Send checks (a boolean schema as it is). */
export function typesSchema(schema: unknown): JsonSchema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema as JsonSchema)) {
    if (SEND_ONLY_KEYWORDS.has(k)) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, typesSchema(s)]));
    } else if (k === 'items' || k === 'additionalProperties') {
      out[k] = Array.isArray(v) ? v.map(typesSchema) : typesSchema(v);
    } else if (k === 'allOf' && Array.isArray(v)) {
      const kept = v.map(typesSchema).filter((s) => !isEmpty(s));
      if (kept.length) out[k] = kept;
    } else if (k === 'then' || k === 'else') {
      const kept = typesSchema(v);
      if (!isEmpty(kept)) out[k] = kept;
    } else out[k] = v;
  }
  // A condition with no branch left constrains nothing.
  if ('if' in out && !('then' in out) && !('else' in out)) delete out.if;
  return out;
}
