/*
 * Conditions → JSON Schema. The same schema object becomes the JSON Forms rule that shows a
 * field and the `if` of the `then: required` that requires it, so the UI and the validator
 * cannot disagree on when a field counts.
 */
import type { Field } from '@regforms/definition';
import type { Expr } from '@regforms/expression';
import type { JsonSchema } from '@regforms/runtime';

export type FieldLookup = (id: string) => Field | undefined;

const has = (name: string, schema: JsonSchema): JsonSchema => ({
  properties: { [name]: schema },
  required: [name],
});

function literal(e: Expr): unknown {
  return e.kind === 'num' || e.kind === 'str' || e.kind === 'bool' ? e.value : undefined;
}

function emptySchema(f: Field): JsonSchema {
  const name = f.name!;
  const emptyValue: JsonSchema[] =
    f.type === 'multichoice' || f.type === 'repeat'
      ? [{ properties: { [name]: { type: 'array', maxItems: 0 } }, required: [name] }]
      : f.type === 'text' || f.type === 'niss'
        ? [{ properties: { [name]: { const: '' } }, required: [name] }]
        : [];
  return emptyValue.length
    ? { anyOf: [{ not: { required: [name] } }, ...emptyValue] }
    : { not: { required: [name] } };
}

/** Compiles a checked condition; the checker has already rejected anything else. */
export function conditionSchema(e: Expr, lookup: FieldLookup): JsonSchema {
  switch (e.kind) {
    case 'bool':
      return e.value ? {} : { not: {} };
    case 'ref':
      return has(lookup(e.name)!.name!, { const: true });
    case 'not':
      return { not: conditionSchema(e.arg, lookup) };
    case 'call': {
      const f = lookup((e.args[0] as { name: string }).name)!;
      const empty = emptySchema(f);
      return e.fn === 'empty' ? empty : { not: empty };
    }
    case 'binary': {
      if (e.op === 'and')
        return { allOf: [conditionSchema(e.left, lookup), conditionSchema(e.right, lookup)] };
      if (e.op === 'or')
        return { anyOf: [conditionSchema(e.left, lookup), conditionSchema(e.right, lookup)] };
      const f = lookup((e.left as { name: string }).name)!;
      const name = f.name!;
      const date = f.type === 'date' ? { format: 'date' } : {};
      const v = literal(e.right);
      switch (e.op) {
        case '=':
          return has(name, { const: v });
        case '!=':
          return { not: has(name, { const: v }) };
        case 'in':
          return has(name, { enum: (e.right as { items: Expr[] }).items.map(literal) });
        case 'contains':
          // "Some item is v", written without `contains`: ajv 8 carries the result of a
          // `contains` inside an `if` from one array item to the next (an item with no
          // codes was required to answer a question shown only for its predecessor).
          return has(name, { type: 'array', not: { items: { not: { const: v } } } });
        case '<':
          return has(
            name,
            f.type === 'date' ? { ...date, formatExclusiveMaximum: v } : { exclusiveMaximum: v },
          );
        case '<=':
          return has(name, f.type === 'date' ? { ...date, formatMaximum: v } : { maximum: v });
        case '>':
          return has(
            name,
            f.type === 'date' ? { ...date, formatExclusiveMinimum: v } : { exclusiveMinimum: v },
          );
        case '>=':
          return has(name, f.type === 'date' ? { ...date, formatMinimum: v } : { minimum: v });
        default:
          throw new Error(`not a condition operator: ${e.op}`);
      }
    }
    default:
      throw new Error(`not a condition: ${e.kind}`);
  }
}

/** All of several conditions; one stays as it is, none is absent. */
export function allOf(schemas: JsonSchema[]): JsonSchema | undefined {
  if (schemas.length === 0) return undefined;
  if (schemas.length === 1) return schemas[0];
  return { allOf: schemas };
}
