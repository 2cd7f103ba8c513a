/*
 * Which fields a condition tests: a visibility or requiredness condition is a JSON Schema that
 * the data object must match. Knowing what it reads lets a view redo only what a change
 * concerns (a section's status, a layout's element) instead of asking every condition again.
 */

/** Keywords a condition may use at the level of the whole object it tests. */
const OBJECT_LEVEL = new Set(['properties', 'required', 'type', 'title', 'description', '$comment']);
const COMBINERS = new Set(['not', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else']);

/**
 * Adds the properties a condition schema on an object tests to `into`; false when it may test
 * more than named properties (a comparison with another field by `$data`, `minProperties`,
 * `patternProperties`…), and the caller must then assume it reads everything.
 */
export function propertiesTested(schema: unknown, into: Set<string>): boolean {
  if (typeof schema !== 'object' || schema === null) return typeof schema === 'boolean';
  if (Array.isArray(schema)) return schema.every((s) => propertiesTested(s, into));
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, sub] of Object.entries(value)) {
        // A comparison with another field ($data) reads that field too.
        if (JSON.stringify(sub).includes('"$data"')) return false;
        into.add(name);
      }
    } else if (keyword === 'required' && Array.isArray(value)) {
      for (const name of value) into.add(String(name));
    } else if (COMBINERS.has(keyword)) {
      if (!propertiesTested(value, into)) return false;
    } else if (!OBJECT_LEVEL.has(keyword)) return false;
  }
  return true;
}
